package dev.touchline.adapter.http;

import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries a Micronaut request to the engine's {@link TouchlineApi} and its answer back: the one
 * implementation of the public API that every runtime serves, so the server answers exactly as
 * Lambda and the in-process API do.
 */
@Singleton
final class ApiBridge {
  private final TouchlineApi api;

  ApiBridge(TouchlineApi api) {
    this.api = api;
  }

  HttpResponse<byte[]> serve(HttpRequest<?> request, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Repeated headers are combined as HTTP combines them, so a second X-API-Key is not ignored.
    request
        .getHeaders()
        .forEach(
            (name, values) ->
                headers.merge(name, String.join(", ", values), (a, b) -> a + ", " + b));
    ApiResponse response =
        api.handle(
            new ApiRequest(
                request.getMethodName(),
                request.getPath(),
                request.getParameters().asMap(),
                headers,
                body));
    return toHttp(response);
  }

  static HttpResponse<byte[]> toHttp(ApiResponse response) {
    MutableHttpResponse<byte[]> http =
        HttpResponse.<byte[]>status(HttpStatus.valueOf(response.status())).body(response.body());
    response.headers().forEach(http::header);
    return http;
  }
}
