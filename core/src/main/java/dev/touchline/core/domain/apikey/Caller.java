package dev.touchline.core.domain.apikey;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Who is calling a use case: a workspace and the scopes granted to the key used. */
public record Caller(WorkspaceId workspace, String keyId, Set<Scope> scopes) {
  public Caller {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(keyId, "keyId");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** A caller with every scope, for code that embeds the engine and trusts itself. */
  public static Caller trusted(WorkspaceId workspace) {
    return new Caller(workspace, "embedded", EnumSet.allOf(Scope.class));
  }

  /**
   * Checks that this caller holds a scope.
   *
   * @throws TouchlineException {@code forbidden_scope} when it does not
   */
  public void require(Scope scope) {
    if (!scopes.contains(scope)) {
      throw new TouchlineException(
          ErrorCode.FORBIDDEN_SCOPE, "this key lacks the scope " + scope.wireName());
    }
  }
}
