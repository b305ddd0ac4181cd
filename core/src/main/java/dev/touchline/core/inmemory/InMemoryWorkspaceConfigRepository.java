package dev.touchline.core.inmemory;

import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Workspace configuration documents in memory. */
public final class InMemoryWorkspaceConfigRepository implements WorkspaceConfigRepository {
  private final ConcurrentHashMap<WorkspaceId, StoredConfig> documents = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredConfig> find(WorkspaceId workspace) {
    return Optional.ofNullable(documents.get(workspace));
  }

  @Override
  public StoredConfig save(
      WorkspaceId workspace, String document, long expectedVersion, Instant now) {
    return documents.compute(
        workspace,
        (w, current) -> {
          long version = current == null ? 0 : current.version();
          if (version != expectedVersion) {
            throw new ConcurrentUpdateException(
                "configuration of " + w + " is at version " + version + ", not " + expectedVersion);
          }
          return new StoredConfig(document, version + 1, now);
        });
  }
}
