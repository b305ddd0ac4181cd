package dev.touchline.adapter.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import dev.touchline.testkit.scenario.EngineTarget;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A conformance target whose {@code POST /v1/events} that is a JSON object travels as an MCP tool
 * call ({@code ingest_event}, or {@code ingest_events} for a batch) through the SDK's client over
 * HTTP, the tool's answer turned back into the API's; requests that are not tool calls (malformed
 * bodies, encodings, Idempotency-Key headers, other routes) go to the API as they are.
 */
final class McpTarget extends EngineTarget {
  /** How many requests went as tool calls, across every target. */
  static final AtomicInteger TOOL_CALLS = new AtomicInteger();

  private static final ObjectMapper STRICT =
      McpJson.objectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Touchline engine =
      Touchline.builder().clock(clock).triggerSink(sink).configRefresh(Duration.ZERO).build();
  private final LocalDeployment deployment = new LocalDeployment(engine, TouchlineApi::new);
  private final TouchlineApi api = new TouchlineApi(engine);
  private final Map<String, McpSyncClient> clients = new HashMap<>();

  @Override
  protected Touchline engine() {
    return engine;
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    Optional<Map<String, Object>> args = toolArguments(request);
    if (args.isEmpty()) {
      return api.handle(request);
    }
    boolean batch = args.get().containsKey("events") && args.get().size() == 1;
    TOOL_CALLS.incrementAndGet();
    CallToolResult result =
        client(request)
            .callTool(new CallToolRequest(batch ? "ingest_events" : "ingest_event", args.get()));
    return response(result, batch);
  }

  /** The request as a tool call's arguments, when it is one a tool takes. */
  private static Optional<Map<String, Object>> toolArguments(ApiRequest r) {
    if (!r.method().equals("POST")
        || !r.path().equals("/v1/events")
        || !r.query().isEmpty()
        || r.header("Idempotency-Key").isPresent()
        || r.header("Content-Encoding").isPresent()) {
      return Optional.empty();
    }
    try {
      // Only text an agent could send: valid UTF-8 (JSON-RPC carries strings, not bytes).
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(r.body()))
              .toString();
      JsonNode body = STRICT.readTree(text);
      if (body == null || !body.isObject()) {
        return Optional.empty();
      }
      if (body.has("events") && !body.get("events").isArray()) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> args = STRICT.convertValue(body, Map.class);
      return Optional.of(args);
    } catch (IOException | IllegalArgumentException notAToolCall) { // CharacterCodingException too
      return Optional.empty();
    }
  }

  private McpSyncClient client(ApiRequest r) {
    Optional<String> apiKey = r.header("X-API-Key");
    Optional<String> authorization = r.header("Authorization");
    return clients.computeIfAbsent(
        apiKey.orElse("") + "\u0000" + authorization.orElse(""),
        k -> {
          HttpRequest.Builder requests = HttpRequest.newBuilder();
          apiKey.ifPresent(v -> requests.header("X-API-Key", v));
          authorization.ifPresent(v -> requests.header("Authorization", v));
          McpSyncClient client =
              McpClient.sync(
                      HttpClientStreamableHttpTransport.builder(deployment.url())
                          .endpoint("/mcp")
                          .jsonMapper(McpJson.mapper())
                          .requestBuilder(requests)
                          .build())
                  .requestTimeout(Duration.ofSeconds(30))
                  .build();
          client.initialize();
          return client;
        });
  }

  private static ApiResponse response(CallToolResult result, boolean batch) {
    byte[] body;
    JsonNode document;
    try {
      document = STRICT.valueToTree(result.structuredContent());
      body = STRICT.writeValueAsBytes(result.structuredContent());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int status;
    if (Boolean.TRUE.equals(result.isError())) {
      String code = document.path("error").path("code").asText();
      status = 500;
      for (ErrorCode c : ErrorCode.values()) {
        if (c.wireName().equals(code)) {
          status = c.httpStatus();
        }
      }
      if (document.isNull() || document.isMissingNode()) {
        body = ((TextContent) result.content().get(0)).text().getBytes(StandardCharsets.UTF_8);
      }
    } else {
      status = batch || !"accepted".equals(document.path("status").asText()) ? 200 : 201;
    }
    return new ApiResponse(status, Map.of("Content-Type", "application/json"), body);
  }

  @Override
  public void close() {
    clients.values().forEach(McpSyncClient::close);
    deployment.close();
  }
}
