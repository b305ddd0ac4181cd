package dev.touchline.adapter.http;

import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Answers a method the API does not serve on a known path with the engine's {@code 405}, before
 * Micronaut can serve it another way ({@code HEAD} through a {@code GET} route), as every other
 * runtime answers it.
 */
@ServerFilter("/v1/**")
final class MethodGuard {
  @RequestFilter
  @Nullable
  HttpResponse<byte[]> refuseUnservedMethods(HttpRequest<?> request) {
    return TouchlineApi.methodNotAllowed(request.getMethodName(), request.getPath())
        .map(ApiBridge::toHttp)
        .orElse(null);
  }
}
