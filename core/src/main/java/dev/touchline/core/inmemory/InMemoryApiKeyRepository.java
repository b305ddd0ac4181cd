package dev.touchline.core.inmemory;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API keys in memory, by id and by hash. */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
  private final ConcurrentHashMap<String, ApiKey> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> idByHash = new ConcurrentHashMap<>();

  @Override
  public synchronized void save(ApiKey key) {
    ApiKey previous = byId.put(key.id(), key);
    if (previous != null) {
      idByHash.remove(previous.hash());
    }
    idByHash.put(key.hash(), key.id());
  }

  @Override
  public Optional<ApiKey> findByHash(String hash) {
    String id = idByHash.get(hash);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<ApiKey> listByWorkspace(WorkspaceId workspace) {
    return byId.values().stream()
        .filter(k -> k.workspace().equals(workspace))
        .sorted(Comparator.comparing(ApiKey::id))
        .toList();
  }

  @Override
  public synchronized boolean revoke(WorkspaceId workspace, String keyId) {
    ApiKey key = byId.get(keyId);
    if (key == null || !key.workspace().equals(workspace)) {
      return false;
    }
    byId.put(keyId, key.revoke());
    return true;
  }
}
