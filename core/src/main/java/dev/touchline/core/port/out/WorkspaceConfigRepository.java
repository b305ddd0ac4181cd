package dev.touchline.core.port.out;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Workspace configuration documents, versioned. */
public interface WorkspaceConfigRepository {

  /** The stored document; empty when the workspace has none (the default configuration applies). */
  Optional<StoredConfig> find(WorkspaceId workspace);

  /**
   * Stores a document if the stored version is {@code expectedVersion} (0: none stored yet).
   *
   * @return the stored document with its new version
   * @throws ConcurrentUpdateException when the stored version differs
   */
  StoredConfig save(WorkspaceId workspace, String document, long expectedVersion, Instant now);

  /** A stored configuration document. */
  record StoredConfig(String document, long version, Instant updatedAt) {
    public StoredConfig {
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }
}
