package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.ManageApiKeysUseCase.IssuedKey;
import java.util.Objects;
import java.util.Optional;

/** The deployment's workspaces, for its operator (scope {@code platform}). */
public interface ManageWorkspacesUseCase {

  /** The name of the admin key every new workspace starts with. */
  String FIRST_KEY_NAME = "first admin key";

  /**
   * Creates a workspace with its configuration document (the default when none is given) and its
   * first key, which holds every workspace scope; that key's secret is in the result only.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code forbidden_scope} without
   *     {@code platform}; {@code invalid_payload} for a bad name or document (the field is the
   *     document's path under {@code config}); {@code already_exists} when the id is taken
   */
  Created create(Caller caller, NewWorkspace request);

  /** The workspaces ordered by id, a page at a time. */
  Page<Workspace> list(Caller caller, PageRequest page);

  /** One workspace; empty when there is none with that id. */
  Optional<Workspace> get(Caller caller, WorkspaceId id);

  /**
   * Records a workspace the operator runs without creating it through the API (the default
   * workspace of a server or function, at start-up) unless it is recorded already.
   *
   * @return true when this call recorded it
   */
  boolean ensureRecorded(WorkspaceId id);

  /** A workspace to create. */
  record NewWorkspace(WorkspaceId id, String name, Optional<String> configDocument) {
    public NewWorkspace {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(configDocument, "configDocument");
    }
  }

  /** A created workspace and its first key. */
  record Created(Workspace workspace, IssuedKey key) {
    public Created {
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(key, "key");
    }
  }
}
