package dev.touchline.core.port.out;

import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Optional;

/** The deployment's workspaces. */
public interface WorkspaceRepository {

  /**
   * Records a workspace unless one with its id exists: the first writer wins, concurrent or not.
   *
   * @return false when the id was taken (the stored workspace is unchanged)
   */
  boolean create(Workspace workspace);

  /** The workspace with this id; empty when there is none. */
  Optional<Workspace> find(WorkspaceId id);

  /**
   * The workspaces ordered by id, a page at a time.
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException when the cursor is not one of
   *     this listing
   */
  Page<Workspace> list(PageRequest page);
}
