package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.adapter.mcp.McpJson;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /mcp} on the real server, through the SDK's own HTTP client. */
class McpServerTest {
  private static final String KEY = ApiKeySecrets.generate();
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(Map.of("touchline.bootstrap-key", KEY));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static McpSyncClient client(HttpRequest.Builder requests) {
    return McpClient.sync(
            HttpClientStreamableHttpTransport.builder(server.uri("/").toString())
                .endpoint("/mcp")
                .jsonMapper(McpJson.mapper())
                .requestBuilder(requests)
                .build())
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void anAgentIngestsAnEventThroughTheServer_andTheApiSeesIt() {
    try (McpSyncClient client = client(HttpRequest.newBuilder().header("X-API-Key", KEY))) {
      client.initialize();
      assertThat(client.listTools().tools()).hasSize(5);
      CallToolResult result =
          client.callTool(
              new CallToolRequest(
                  "ingest_event",
                  Map.of(
                      "event", "call_placed", "email", "mcp@example.com", "messageId", "call-1")));
      assertThat(result.isError()).isFalse();
      assertThat(((TextContent) result.content().get(0)).text()).startsWith("accepted: event ");
    }
    JsonNode contact = Json.of(server.get("/v1/contacts?email=mcp%40example.com", KEY));
    JsonNode timeline =
        Json.of(server.get("/v1/events?contactId=" + contact.get("id").asText(), KEY));
    assertThat(timeline.get("data").get(0).get("event").asText()).isEqualTo("call_placed");
  }

  @Test
  void bearerAuthorizationWorksToo() {
    try (McpSyncClient client =
        client(HttpRequest.newBuilder().header("Authorization", "Bearer " + KEY))) {
      client.initialize();
      assertThat(client.listTools().tools()).isNotEmpty();
    }
  }

  @Test
  void aMissingOrWrongKey_isTheApis401_beforeAnyJsonRpc() {
    for (HttpRequest.Builder requests :
        new HttpRequest.Builder[] {
          HttpRequest.newBuilder(),
          HttpRequest.newBuilder().header("X-API-Key", ApiKeySecrets.generate()),
          HttpRequest.newBuilder().header("Authorization", "Basic dXNlcjpwYXNz")
        }) {
      McpSyncClient client = client(requests);
      assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
      client.close();
    }
    HttpResponse<String> raw =
        server.send(
            server
                .request("/mcp")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                .build());
    assertThat(raw.statusCode()).isEqualTo(401);
    assertThat(Json.of(raw).get("error").get("code").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void getAndDeleteAre405_andMalformedJsonRpcIsAJsonRpcError() {
    HttpResponse<String> get = server.get("/mcp", KEY);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> junk = server.post("/mcp", KEY, "{\"not\":\"json-rpc\"");
    assertThat(junk.statusCode()).isEqualTo(400);
    assertThat(Json.of(junk).get("error").get("code").asInt()).isEqualTo(-32700);
  }

  @Test
  void theEndpointCanBeSwitchedOff() {
    try (RunningServer off = RunningServer.start(Map.of("touchline.mcp.enabled", "false"))) {
      assertThat(off.post("/mcp", KEY, "{}").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theMcpInspectorCli_listsAndCallsTheToolsOnTheServer() throws Exception {
    assumeTrue(
        dev.touchline.testkit.Executables.onPath("npx"),
        "npx is not installed here: the MCP Inspector CLI check is skipped");
    String url = server.uri("/mcp").toString();
    String tools =
        inspector(
            url, "--transport", "http", "--header", "X-API-Key: " + KEY, "--method", "tools/list");
    assertThat(tools).contains("\"ingest_event\"", "\"list_incoming\"");
    String call =
        inspector(
            url,
            "--transport",
            "http",
            "--header",
            "Authorization: Bearer " + KEY,
            "--method",
            "tools/call",
            "--tool-name",
            "list_incoming",
            "--tool-arg",
            "status=rejected");
    assertThat(call).contains("incoming entries").contains("\"isError\": false");
  }

  private static String inspector(String... args) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of("npx", "-y", "@modelcontextprotocol/inspector@0.21.1", "--cli"));
    command.addAll(java.util.List.of(args));
    java.nio.file.Path log = java.nio.file.Files.createTempFile("inspector", ".out");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES);
    String output = java.nio.file.Files.readString(log);
    java.nio.file.Files.deleteIfExists(log);
    if (!done) {
      process.destroyForcibly();
    }
    assertThat(done).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
