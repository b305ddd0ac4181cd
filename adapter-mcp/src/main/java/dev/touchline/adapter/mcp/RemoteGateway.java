package dev.touchline.adapter.mcp;

import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Touchline deployment reached over HTTP (the server, or API Gateway in front of Lambda), with
 * one API key: what the stdio server forwards its tool calls to.
 */
public final class RemoteGateway implements Gateway {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String key;
  private final HttpClient http;

  /**
   * @param base the deployment's address, e.g. {@code http://localhost:8080} or an API Gateway
   *     stage URL; the API's paths ({@code /v1/...}) are appended to it
   */
  public RemoteGateway(URI base, String key) {
    this.base = Objects.requireNonNull(base, "base");
    this.key = Objects.requireNonNull(key, "key");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(request.query()).entrySet()) {
      for (String value : e.getValue()) {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    String root = base.toString().replaceAll("/+$", "");
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(root + request.path() + query))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    try {
      HttpResponse<byte[]> response =
          this.http.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
      return new ApiResponse(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach Touchline at " + root + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling Touchline at " + root, e);
    }
  }
}
