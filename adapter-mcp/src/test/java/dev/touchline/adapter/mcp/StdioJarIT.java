package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.Scope;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployable {@code target/touchline-mcp.jar}, run as the README says, through the SDK client.
 */
class StdioJarIT {

  @Test
  void theJarServesTheToolsOverStdio() {
    Path jar = Path.of("target", "touchline-mcp.jar");
    assertThat(Files.isRegularFile(jar)).as(jar + " is built by package").isTrue();
    try (LocalDeployment deployment = new LocalDeployment()) {
      String key = deployment.key("jar", Scope.workspaceScopes());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ServerParameters server =
          ServerParameters.builder(java)
              .args("-jar", jar.toAbsolutePath().toString())
              .env(Map.of("TOUCHLINE_URL", deployment.url(), "TOUCHLINE_KEY", key))
              .build();
      try (McpSyncClient client =
          McpClient.sync(new StdioClientTransport(server, McpJson.mapper()))
              .requestTimeout(Duration.ofSeconds(30))
              .initializationTimeout(Duration.ofSeconds(60))
              .build()) {
        client.initialize();
        assertThat(client.listTools().tools()).hasSize(5);
        CallToolResult result =
            client.callTool(
                new CallToolRequest(
                    "ingest_event", Map.of("event", "email_sent", "email", "jar@example.com")));
        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).startsWith("accepted: event ");
      }
      assertThat(
              deployment
                  .engine()
                  .contacts()
                  .findByIdentifier(
                      dev.touchline.core.domain.apikey.Caller.trusted(
                          new dev.touchline.core.domain.workspace.WorkspaceId("jar")),
                      dev.touchline.core.domain.identity.IdentityType.EMAIL,
                      "jar@example.com"))
          .isPresent();
    }
  }
}
