package dev.touchline.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** An HTTP-shaped response: status, headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
  public ApiResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
