package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedApiKeysTest {
  private static final WorkspaceId WS = new WorkspaceId("keys");
  private static final Duration REFRESH = Duration.ofSeconds(5);

  /** The store as another process sees it, counting the lookups this process makes. */
  private final InMemoryApiKeyRepository shared = new InMemoryApiKeyRepository();

  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final CachedApiKeys cache =
      new CachedApiKeys(
          new ApiKeyRepository() {
            @Override
            public void save(ApiKey key) {
              shared.save(key);
            }

            @Override
            public Optional<ApiKey> findByHash(String hash) {
              lookups.incrementAndGet();
              return shared.findByHash(hash);
            }

            @Override
            public List<ApiKey> listByWorkspace(WorkspaceId workspace) {
              return shared.listByWorkspace(workspace);
            }

            @Override
            public boolean revoke(WorkspaceId workspace, String keyId) {
              return shared.revoke(workspace, keyId);
            }
          },
          REFRESH,
          nanos::get);

  private static ApiKey key(String id) {
    return new ApiKey(
        id,
        WS,
        "hash-" + id,
        "",
        "",
        Set.of(Scope.EVENTS_WRITE),
        RateLimit.DEFAULT,
        Instant.EPOCH,
        false);
  }

  @Test
  void aLiveKeyIsReadOnceWithinTheRefreshInterval() {
    cache.save(key("key_a"));

    assertThat(cache.findByHash("hash-key_a")).map(ApiKey::id).contains("key_a");
    nanos.addAndGet(REFRESH.toNanos() - 1);
    assertThat(cache.findByHash("hash-key_a")).map(ApiKey::id).contains("key_a");
    assertThat(lookups).hasValue(1);

    nanos.addAndGet(1);
    assertThat(cache.findByHash("hash-key_a")).map(ApiKey::id).contains("key_a");
    assertThat(lookups).as("read again once the interval is over").hasValue(2);
  }

  @Test
  void aKeyRevokedThroughThisProcessStopsAtOnce() {
    cache.save(key("key_b"));
    cache.findByHash("hash-key_b");

    assertThat(cache.revoke(WS, "key_b")).isTrue();

    assertThat(cache.findByHash("hash-key_b")).map(ApiKey::revoked).contains(true);
  }

  @Test
  void aKeyRevokedElsewhereStopsWithinTheRefreshInterval() {
    cache.save(key("key_c"));
    cache.findByHash("hash-key_c");

    shared.revoke(WS, "key_c"); // another process
    assertThat(cache.findByHash("hash-key_c"))
        .as("still trusted inside the interval")
        .map(ApiKey::revoked)
        .contains(false);

    nanos.addAndGet(REFRESH.toNanos());
    assertThat(cache.findByHash("hash-key_c")).map(ApiKey::revoked).contains(true);
  }

  @Test
  void unknownAndRevokedKeysAreLookedUpEveryTime() {
    cache.save(key("key_d"));
    cache.revoke(WS, "key_d");
    lookups.set(0);

    for (int i = 0; i < 3; i++) {
      assertThat(cache.findByHash("hash-unknown")).isEmpty();
      assertThat(cache.findByHash("hash-key_d")).map(ApiKey::revoked).contains(true);
    }

    assertThat(lookups).hasValue(6);
  }

  @Test
  void aReplacedKeyIsReadAfresh() {
    cache.save(key("key_e"));
    cache.findByHash("hash-key_e");
    ApiKey narrower =
        new ApiKey(
            "key_e",
            WS,
            "hash-key_e",
            "",
            "",
            Set.of(Scope.EVENTS_READ),
            RateLimit.DEFAULT,
            Instant.EPOCH,
            false);

    cache.save(narrower);

    assertThat(cache.findByHash("hash-key_e"))
        .map(ApiKey::scopes)
        .contains(Set.of(Scope.EVENTS_READ));
  }

  @Test
  void aZeroIntervalReadsEveryTime() {
    CachedApiKeys uncached = new CachedApiKeys(shared, Duration.ZERO);
    shared.save(key("key_f"));
    uncached.findByHash("hash-key_f");

    shared.revoke(WS, "key_f");

    assertThat(uncached.findByHash("hash-key_f")).map(ApiKey::revoked).contains(true);
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i <= CachedApiKeys.MAX_ENTRIES; i++) {
      cache.save(key("key_" + i));
      cache.findByHash("hash-key_" + i);
    }
    lookups.set(0);

    cache.findByHash("hash-key_" + CachedApiKeys.MAX_ENTRIES);
    cache.findByHash("hash-key_0");

    assertThat(lookups)
        .as("the newest key is kept, the oldest was dropped when the cache filled")
        .hasValue(1);
  }
}
