package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;

/** Turns a presented API key into a caller, spending one token of the key's rate limit. */
public interface AuthenticateUseCase {

  /**
   * @throws dev.touchline.core.domain.error.TouchlineException {@code unauthenticated} for a
   *     missing, malformed, unknown or revoked key (one message for all), {@code rate_limited} with
   *     a retry-after when the key's bucket is empty
   */
  Caller authenticate(String presentedKey);
}
