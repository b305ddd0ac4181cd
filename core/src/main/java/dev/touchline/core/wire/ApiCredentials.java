package dev.touchline.core.wire;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import java.util.Optional;

/**
 * Finds the API key a request presents: {@code X-API-Key}, or {@code Authorization: Bearer}. Both
 * may be sent only when they carry the same key; an {@code Authorization} header of another scheme,
 * or one that disagrees with {@code X-API-Key}, is refused, so a request never has two identities.
 */
public final class ApiCredentials {
  static final String CONFLICT =
      "X-API-Key and Authorization carry different credentials; send one of them";
  static final String NOT_BEARER = "Authorization must be 'Bearer <API key>'";

  private ApiCredentials() {}

  /**
   * The presented key, or empty when the request presents none.
   *
   * @throws TouchlineException {@code unauthenticated} for conflicting or malformed credentials
   */
  public static Optional<String> presented(
      Optional<String> apiKeyHeader, Optional<String> authorization) {
    Optional<String> apiKey = apiKeyHeader.map(String::trim).filter(v -> !v.isEmpty());
    Optional<String> bearer =
        authorization.map(String::trim).filter(v -> !v.isEmpty()).map(ApiCredentials::bearer);
    if (apiKey.isPresent() && bearer.isPresent() && !apiKey.get().equals(bearer.get())) {
      throw new TouchlineException(ErrorCode.UNAUTHENTICATED, CONFLICT);
    }
    return apiKey.isPresent() ? apiKey : bearer;
  }

  private static String bearer(String value) {
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new TouchlineException(ErrorCode.UNAUTHENTICATED, NOT_BEARER);
    }
    String token = value.substring(7).trim();
    if (token.isEmpty()) {
      throw new TouchlineException(ErrorCode.UNAUTHENTICATED, NOT_BEARER);
    }
    return token;
  }
}
