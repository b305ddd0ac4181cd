package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.DisplayName;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import dev.touchline.core.port.in.ManageApiKeysUseCase.IssuedKey;
import dev.touchline.core.port.in.ManageWorkspacesUseCase;
import dev.touchline.core.port.out.WorkspaceRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Creates and lists workspaces for the operator. A creation writes the configuration, then the
 * first key, then the workspace record last: the record is the commit point, so a creation cut
 * short by a crash is not a workspace yet and the same request, retried, finishes it.
 */
public final class WorkspaceService implements ManageWorkspacesUseCase {
  private final WorkspaceRepository workspaces;
  private final WorkspaceConfigService configs;
  private final ManageApiKeysUseCase keys;
  private final Clock clock;

  public WorkspaceService(
      WorkspaceRepository workspaces,
      WorkspaceConfigService configs,
      ManageApiKeysUseCase keys,
      Clock clock) {
    this.workspaces = workspaces;
    this.configs = configs;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Created create(Caller caller, NewWorkspace request) {
    caller.require(Scope.PLATFORM);
    DisplayName.check("name", request.name());
    Optional<WorkspaceConfig> parsed =
        request.configDocument().map(document -> configs.parse(document, "config"));
    if (workspaces.find(request.id()).isPresent()) {
      throw exists(request.id());
    }
    parsed.ifPresent(
        config -> configs.store(request.id(), request.configDocument().orElseThrow(), config));
    IssuedKey key =
        keys.issue(request.id(), FIRST_KEY_NAME, Scope.workspaceScopes(), RateLimit.DEFAULT);
    Workspace workspace = new Workspace(request.id(), request.name(), clock.instant());
    if (!workspaces.create(workspace)) {
      // Another creation of the same id won between the check and here: its key stands, not ours.
      keys.revoke(request.id(), key.key().id());
      throw exists(request.id());
    }
    return new Created(workspace, key);
  }

  @Override
  public Page<Workspace> list(Caller caller, PageRequest page) {
    caller.require(Scope.PLATFORM);
    return Cursors.translate(() -> workspaces.list(page));
  }

  @Override
  public Optional<Workspace> get(Caller caller, WorkspaceId id) {
    caller.require(Scope.PLATFORM);
    return workspaces.find(id);
  }

  @Override
  public boolean ensureRecorded(WorkspaceId id) {
    return workspaces.find(id).isEmpty()
        && workspaces.create(new Workspace(id, "", clock.instant()));
  }

  private static TouchlineException exists(WorkspaceId id) {
    return new TouchlineException(
        ErrorCode.ALREADY_EXISTS, "a workspace with the id '" + id + "' exists already", "id");
  }
}
