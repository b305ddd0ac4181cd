package dev.touchline.adapter.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The JSON mapper of Touchline's MCP servers: decimals are read as {@code BigDecimal}, so a tool's
 * arguments reach the API with every digit the agent sent (a {@code double} would round them).
 */
public final class McpJson {
  private McpJson() {}

  public static ObjectMapper objectMapper() {
    return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  public static McpJsonMapper mapper() {
    return new JacksonMcpJsonMapper(objectMapper());
  }
}
