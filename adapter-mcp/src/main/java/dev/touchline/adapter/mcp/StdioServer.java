package dev.touchline.adapter.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Touchline's tools over stdio, for agents on a desktop: {@code java -jar touchline-mcp.jar} with
 * {@code TOUCHLINE_URL} (the server, or an API Gateway stage) and {@code TOUCHLINE_KEY}. Tool calls
 * are forwarded to that deployment. stdout carries only JSON-RPC; every log line goes to stderr.
 */
public final class StdioServer {
  private StdioServer() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream stdout = System.out;
    System.setOut(System.err); // nothing but JSON-RPC may reach the real stdout
    McpSyncServer server;
    try {
      server = start(System.getenv(), System.in, stdout);
    } catch (IllegalArgumentException e) {
      System.err.println("touchline-mcp: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "touchline-mcp-stop"));
    stopped.await();
  }

  /**
   * Starts the server on these streams.
   *
   * @throws IllegalArgumentException naming the variable when {@code TOUCHLINE_URL} or {@code
   *     TOUCHLINE_KEY} is missing or malformed
   */
  static McpSyncServer start(Map<String, String> env, InputStream in, OutputStream out) {
    String url = required(env, "TOUCHLINE_URL");
    URI base;
    try {
      base = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TOUCHLINE_URL is not a URL: " + url);
    }
    if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
      throw new IllegalArgumentException(
          "TOUCHLINE_URL must be an http or https URL, e.g. http://localhost:8080");
    }
    String key = required(env, "TOUCHLINE_KEY");
    McpJsonMapper json = McpJson.mapper();
    return McpServer.sync(new StdioServerTransportProvider(json, in, out))
        .serverInfo(
            "touchline",
            StdioServer.class.getPackage().getImplementationVersion() == null
                ? "dev"
                : StdioServer.class.getPackage().getImplementationVersion())
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .jsonMapper(json)
        .validateToolInputs(false)
        .tools(new TouchlineTools(new RemoteGateway(base, key)).sessions())
        .build();
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          name
              + " is not set: set TOUCHLINE_URL to the deployment (e.g. http://localhost:8080)"
              + " and TOUCHLINE_KEY to an API key");
    }
    return value.strip();
  }
}
