package dev.touchline.core.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * A workspace as the operator of a deployment sees it.
 *
 * @param name its display name ({@code ""} when none was given)
 */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
  public Workspace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
