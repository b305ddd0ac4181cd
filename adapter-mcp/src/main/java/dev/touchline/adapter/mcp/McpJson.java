package dev.touchline.adapter.mcp;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The JSON mapper of Touchline's MCP servers: decimals are read as {@code BigDecimal}, so a tool's
 * arguments reach the API with every digit the agent sent (a {@code double} would round them), and
 * every character past ASCII is written as a {@code \\uXXXX} escape, so a message always leaves as
 * valid ASCII JSON and a string with an unpaired surrogate travels as it is (as JavaScript's {@code
 * JSON.stringify} sends it) instead of being turned into {@code ?} by the UTF-8 encoder.
 */
public final class McpJson {
  private McpJson() {}

  public static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .build();
  }

  public static McpJsonMapper mapper() {
    return new JacksonMcpJsonMapper(objectMapper());
  }
}
