package dev.touchline.core.port.out;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** API keys, stored by the hash of their secret. */
public interface ApiKeyRepository {

  /** Stores a key; a key with the same id is replaced. */
  void save(ApiKey key);

  /** The key whose secret hashes to {@code hash}, revoked or not; empty when unknown. */
  Optional<ApiKey> findByHash(String hash);

  /** A workspace's keys, ordered by id. */
  List<ApiKey> listByWorkspace(WorkspaceId workspace);

  /** Marks a key revoked; false when the workspace has no key with that id. */
  boolean revoke(WorkspaceId workspace, String keyId);
}
