package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.TokenBucket;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.port.in.AuthenticateUseCase;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks API keys: shape and checksum first (no lookup for junk), then the stored hash compared in
 * constant time, then the key's token bucket (per process).
 */
public final class AuthenticationService implements AuthenticateUseCase {
  static final String UNAUTHENTICATED = "missing, invalid or revoked API key";

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public AuthenticationService(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Caller authenticate(String presentedKey) {
    if (presentedKey == null) {
      throw unauthenticated(); // no key at all: nothing to look up
    }
    String hash = ApiKeySecrets.hash(presentedKey);
    // A malformed key is looked up all the same (nothing can match it): it costs what an unknown
    // or a revoked key costs, one store read, so neither the answer nor its timing tells the three
    // apart.
    Optional<ApiKey> found = keys.findByHash(hash);
    if (!ApiKeySecrets.isWellFormed(presentedKey)
        || found.isEmpty()
        || found.get().revoked()
        || !MessageDigest.isEqual(
            found.get().hash().getBytes(StandardCharsets.US_ASCII),
            hash.getBytes(StandardCharsets.US_ASCII))) {
      throw unauthenticated();
    }
    ApiKey key = found.get();
    TokenBucket bucket =
        buckets.computeIfAbsent(key.id(), id -> new TokenBucket(key.rateLimit(), clock.instant()));
    Optional<Duration> wait = bucket.tryTake(1, clock.instant());
    if (wait.isPresent()) {
      throw new TouchlineException(
          ErrorCode.RATE_LIMITED,
          "rate limit of this key exceeded; retry after " + seconds(wait.get()) + "s",
          null,
          wait.get());
    }
    return new Caller(key.workspace(), key.id(), key.scopes());
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static TouchlineException unauthenticated() {
    return new TouchlineException(ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED);
  }
}
