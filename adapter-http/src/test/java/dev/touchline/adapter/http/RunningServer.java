package dev.touchline.adapter.http;

import dev.touchline.core.Touchline;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server on a random loopback port, started the way {@code main} starts it (same
 * configuration files), plus a real HTTP client. Tests may add properties and beans.
 */
final class RunningServer implements AutoCloseable {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private RunningServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /** A server on the memory store unless the properties say otherwise. */
  static RunningServer start(Map<String, Object> properties, Object... beans) {
    Map<String, Object> all = new HashMap<>();
    all.put("micronaut.server.port", -1);
    all.put("micronaut.server.host", "127.0.0.1");
    all.put("touchline.store", "memory");
    all.putAll(properties);
    ApplicationContext context =
        ApplicationContext.builder().properties(all).singletons(beans).start();
    try {
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      return new RunningServer(context, server);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  static RunningServer start() {
    return start(Map.of());
  }

  Touchline engine() {
    return context.getBean(Touchline.class);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getPort() + pathAndQuery);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String pathAndQuery, String key) {
    return send(request(pathAndQuery).header("X-API-Key", key).GET().build());
  }

  HttpResponse<String> post(String pathAndQuery, String key, String body) {
    return send(
        request(pathAndQuery)
            .header("X-API-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
