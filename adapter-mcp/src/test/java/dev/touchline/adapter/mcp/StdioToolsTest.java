package dev.touchline.adapter.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The tools over stdio: the SDK's stdio client starts {@link StdioServer} in a child JVM, which
 * forwards every call to the deployment given by {@code TOUCHLINE_URL} with {@code TOUCHLINE_KEY}.
 * Any byte on its stdout that is not JSON-RPC would break the client.
 */
class StdioToolsTest extends ToolsSuite {
  private final Map<String, McpSyncClient> clients = new HashMap<>();

  @Override
  protected McpSyncClient client(String key) {
    return clients.computeIfAbsent(
        key,
        k -> {
          String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
          ServerParameters server =
              ServerParameters.builder(java)
                  .args(
                      "-cp",
                      System.getProperty("java.class.path"),
                      "-Xshare:auto",
                      "-XX:TieredStopAtLevel=1",
                      StdioServer.class.getName())
                  .env(Map.of("TOUCHLINE_URL", deployment.url(), "TOUCHLINE_KEY", k))
                  .build();
          McpSyncClient client =
              McpClient.sync(new StdioClientTransport(server, McpJson.mapper()))
                  .requestTimeout(Duration.ofSeconds(30))
                  .initializationTimeout(Duration.ofSeconds(60))
                  .build();
          client.initialize();
          return client;
        });
  }

  @AfterAll
  void closeClients() {
    clients.values().forEach(McpSyncClient::close);
  }
}
