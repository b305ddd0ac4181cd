package dev.touchline.core.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every route reads from a request besides its own parameters: the credentials, the whole
 * query (unknown and repeated parameters are refused) and the body's {@code Content-Encoding}.
 * Servers that bind parameters themselves build one per request and call a resource's typed method;
 * {@link TouchlineApi#handle} builds it from an {@link ApiRequest}.
 */
public record ApiCall(
    Optional<String> apiKey,
    Optional<String> authorization,
    Map<String, List<String>> query,
    Optional<String> contentEncoding) {

  public ApiCall {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(authorization, "authorization");
    query = Map.copyOf(query);
    Objects.requireNonNull(contentEncoding, "contentEncoding");
  }

  /** The call a raw request makes. */
  public static ApiCall of(ApiRequest request) {
    return new ApiCall(
        request.header("X-API-Key"),
        request.header("Authorization"),
        request.query(),
        request.header("Content-Encoding"));
  }
}
