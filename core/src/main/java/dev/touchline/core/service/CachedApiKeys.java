package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The API keys a process has checked, trusted for {@code refresh} (the configuration refresh
 * interval) so that an ordinary request costs no store call for its key; on a remote store that is
 * one round trip less per request. Only live keys are kept: an unknown or revoked key is looked up
 * every time, so both are answered alike. A key revoked through this process stops working at once;
 * one revoked through another process stops within {@code refresh}. At most {@link #MAX_ENTRIES}
 * keys are kept; past that the cache starts again empty.
 */
public final class CachedApiKeys implements ApiKeyRepository {
  static final int MAX_ENTRIES = 10_000;

  private final ApiKeyRepository store;
  private final long refreshNanos;
  private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();

  private record Entry(ApiKey key, long loadedAtNanos) {}

  private final LongSupplier ticker;

  public CachedApiKeys(ApiKeyRepository store, Duration refresh) {
    this(store, refresh, System::nanoTime);
  }

  CachedApiKeys(ApiKeyRepository store, Duration refresh, LongSupplier ticker) {
    this.store = Objects.requireNonNull(store, "store");
    this.refreshNanos = refresh.toNanos();
    this.ticker = ticker;
  }

  @Override
  public Optional<ApiKey> findByHash(String hash) {
    long now = ticker.getAsLong();
    Entry cached = byHash.get(hash);
    if (cached != null && now - cached.loadedAtNanos() < refreshNanos) {
      return Optional.of(cached.key());
    }
    Optional<ApiKey> found = store.findByHash(hash);
    if (found.isPresent() && !found.get().revoked() && refreshNanos > 0) {
      if (byHash.size() >= MAX_ENTRIES) {
        byHash.clear();
      }
      byHash.put(hash, new Entry(found.get(), now));
    } else {
      byHash.remove(hash);
    }
    return found;
  }

  @Override
  public void save(ApiKey key) {
    store.save(key);
    byHash.remove(key.hash());
  }

  @Override
  public List<ApiKey> listByWorkspace(WorkspaceId workspace) {
    return store.listByWorkspace(workspace);
  }

  @Override
  public boolean revoke(WorkspaceId workspace, String keyId) {
    boolean revoked = store.revoke(workspace, keyId);
    byHash.values().removeIf(e -> e.key().id().equals(keyId));
    return revoked;
  }
}
