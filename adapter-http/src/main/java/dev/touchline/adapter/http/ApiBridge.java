package dev.touchline.adapter.http;

import dev.touchline.core.wire.ApiCall;
import dev.touchline.core.wire.ApiResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * What the controllers share: the {@link ApiCall} a Micronaut request makes (credentials, query,
 * Content-Encoding) for the engine's typed resource methods, and their answer as an HTTP response.
 */
final class ApiBridge {
  private ApiBridge() {}

  static ApiCall call(HttpRequest<?> request) {
    return new ApiCall(
        header(request, "X-API-Key"),
        header(request, "Authorization"),
        request.getParameters().asMap(),
        header(request, "Content-Encoding"));
  }

  /**
   * A header's value; a repeated header's values combined as HTTP combines them, so a second {@code
   * X-API-Key} is not ignored.
   */
  static Optional<String> header(HttpRequest<?> request, String name) {
    List<String> values = request.getHeaders().getAll(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
  }

  static HttpResponse<byte[]> toHttp(ApiResponse response) {
    MutableHttpResponse<byte[]> http =
        HttpResponse.<byte[]>status(HttpStatus.valueOf(response.status())).body(response.body());
    response.headers().forEach(http::header);
    return http;
  }
}
