package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

  @Test
  void generatedKeys_areWellFormed_unique_andPrefixed() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String key = ApiKeySecrets.generate();
      assertThat(key).startsWith("tl_live_").hasSize(8 + 32 + 1 + 6);
      assertThat(ApiKeySecrets.isWellFormed(key)).isTrue();
      assertThat(seen.add(key)).isTrue();
    }
  }

  @Test
  void aSingleChangedCharacter_failsTheChecksum() {
    String key = ApiKeySecrets.generate();
    char c = key.charAt(12);
    String typo = key.substring(0, 12) + (c == 'a' ? 'b' : 'a') + key.substring(13);
    assertThat(ApiKeySecrets.isWellFormed(typo)).isFalse();
    assertThat(ApiKeySecrets.isWellFormed(null)).isFalse();
    assertThat(ApiKeySecrets.isWellFormed("tl_live_short_abcdef")).isFalse();
  }

  @Test
  void theStoredHash_isStable_andIsNotTheKey() {
    String key = ApiKeySecrets.generate();
    assertThat(ApiKeySecrets.hash(key))
        .isEqualTo(ApiKeySecrets.hash(key))
        .hasSize(64)
        .doesNotContain(key);
    assertThat(ApiKeySecrets.publicId(key)).startsWith("key_").hasSize(16);
  }

  @Test
  void tokenBucket_allowsTheBurst_thenWaitsForRefill() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    TokenBucket bucket = new TokenBucket(new RateLimit(3, 2), t0);
    assertThat(bucket.tryTake(1, t0)).isEmpty();
    assertThat(bucket.tryTake(1, t0)).isEmpty();
    assertThat(bucket.tryTake(1, t0)).isEmpty();
    assertThat(bucket.tryTake(1, t0)).contains(Duration.ofMillis(500));
    assertThat(bucket.tryTake(1, t0.plusMillis(499))).isPresent();
    assertThat(bucket.tryTake(1, t0.plusMillis(500))).isEmpty();
    assertThat(bucket.tryTake(1, t0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(bucket.tryTake(1, t0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(bucket.tryTake(1, t0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(bucket.tryTake(1, t0.plus(Duration.ofHours(1))))
        .as("capped at the burst")
        .isPresent();
  }
}
