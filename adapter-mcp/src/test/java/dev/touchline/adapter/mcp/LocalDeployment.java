package dev.touchline.adapter.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A Touchline deployment on loopback for the tests: the API at {@code /v1/...} (what the stdio
 * server forwards to) and MCP at {@code /mcp} through {@link StatelessHttpEndpoint}, on an engine
 * in memory (or the one given).
 */
final class LocalDeployment implements AutoCloseable {
  private final Touchline engine;
  private final TouchlineApi api;
  private final StatelessHttpEndpoint mcp;
  private final HttpServer http;

  LocalDeployment() {
    this(Touchline.builder().build());
  }

  LocalDeployment(Touchline engine) {
    this(engine, TouchlineApi::new);
  }

  LocalDeployment(Touchline engine, Function<Touchline, TouchlineApi> api) {
    this.engine = engine;
    this.api = api.apply(engine);
    this.mcp = new StatelessHttpEndpoint(this.api::handle, "test");
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::serve);
    http.start();
  }

  Touchline engine() {
    return engine;
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  String key(String workspace, Set<Scope> scopes) {
    return engine
        .apiKeys()
        .issue(new WorkspaceId(workspace), scopes, new RateLimit(100_000, 10_000))
        .secret();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/mcp")) {
        if (!exchange.getRequestMethod().equals("POST")) {
          answer(exchange, 405, "", Map.of("Allow", "POST"));
          return;
        }
        var answer =
            mcp.post(
                new String(body, StandardCharsets.UTF_8),
                TouchlineTools.context(
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-API-Key")),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
        // The JDK's server closes a connection it cannot keep (after an error, a large body)
        // without telling the client, whose pool then hands out a dead connection: one connection
        // per tool call.
        answer(exchange, answer.status(), answer.body(), Map.of("Connection", "close"));
        return;
      }
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(", ", v)));
      ApiResponse response =
          api.handle(
              new ApiRequest(
                  exchange.getRequestMethod(),
                  path,
                  query(exchange.getRequestURI().getRawQuery()),
                  headers,
                  body));
      exchange.getResponseHeaders().putAll(toLists(response.headers()));
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  private static Map<String, List<String>> toLists(Map<String, String> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  private static void answer(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (bytes.length > 0) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return query;
  }

  @Override
  public void close() {
    http.stop(0);
    mcp.stop();
    engine.close();
  }
}
