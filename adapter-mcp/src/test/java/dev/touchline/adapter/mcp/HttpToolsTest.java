package dev.touchline.adapter.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The tools over Streamable HTTP (stateless), through the SDK's HTTP client transport. */
class HttpToolsTest extends ToolsSuite {
  private final List<McpSyncClient> clients = new ArrayList<>();

  @Override
  protected McpSyncClient client(String key) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(deployment.url())
                    .endpoint("/mcp")
                    .jsonMapper(McpJson.mapper())
                    .requestBuilder(HttpRequest.newBuilder().header("X-API-Key", key))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    clients.add(client);
    return client;
  }

  @AfterAll
  void closeClients() {
    clients.forEach(McpSyncClient::close);
  }
}
