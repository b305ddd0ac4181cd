package dev.touchline.core.inmemory;

import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.WorkspaceRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Workspaces in memory, sorted by id. */
public final class InMemoryWorkspaceRepository implements WorkspaceRepository {
  private final ConcurrentSkipListMap<String, Workspace> byId = new ConcurrentSkipListMap<>();

  @Override
  public boolean create(Workspace workspace) {
    return byId.putIfAbsent(workspace.id().value(), workspace) == null;
  }

  @Override
  public Optional<Workspace> find(WorkspaceId id) {
    return Optional.ofNullable(byId.get(id.value()));
  }

  @Override
  public Page<Workspace> list(PageRequest page) {
    return Paging.page(byId, "workspaces", page, w -> true);
  }
}
