package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: a workspace admin's tasks (scope {@code admin}, on the caller's own workspace), and the
 * operator's (issue, register a known secret at bootstrap, revoke, list, for any workspace).
 */
public interface ManageApiKeysUseCase {

  /** The most live (unrevoked) keys a workspace may hold. */
  int MAX_LIVE_KEYS = 100;

  /** The most keys, revoked ones included (they stay listed), a workspace may hold. */
  int MAX_KEYS = 1000;

  /**
   * Issues a key for the caller's workspace; the secret is in the result and nowhere else.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code forbidden_scope} when the
   *     caller lacks {@code admin}, asks for {@code platform}, or asks for a scope it does not hold
   *     itself; {@code limit_reached} when the workspace holds {@link #MAX_LIVE_KEYS} live keys or
   *     {@link #MAX_KEYS} in all
   */
  IssuedKey issue(Caller caller, NewKey request);

  /** The caller's workspace's keys, revoked ones included, ordered by id (scope {@code admin}). */
  Page<ApiKey> list(Caller caller, PageRequest page);

  /**
   * Revokes a key of the caller's workspace (scope {@code admin}); revoking a revoked key again
   * changes nothing. It stops working at once in this process and within the configuration refresh
   * interval in every other.
   *
   * @return the key as it is now; empty when the caller's workspace has no key with that id
   */
  Optional<ApiKey> revoke(Caller caller, String keyId);

  /** What an admin asks for: a name, scopes, a rate limit. */
  record NewKey(String name, Set<Scope> scopes, RateLimit rateLimit) {
    public NewKey {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(rateLimit, "rateLimit");
      scopes = Set.copyOf(scopes);
    }
  }

  /** Issues a new random key (the operator's); the secret is in the result and nowhere else. */
  IssuedKey issue(WorkspaceId workspace, String name, Set<Scope> scopes, RateLimit rateLimit);

  /** Issues a new unnamed key (the operator's); the secret is in the result and nowhere else. */
  default IssuedKey issue(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    return issue(workspace, "", scopes, rateLimit);
  }

  /**
   * Registers a secret chosen by the operator (e.g. a bootstrap key from the environment).
   *
   * @throws IllegalArgumentException when the secret is not a well-formed key
   */
  ApiKey register(WorkspaceId workspace, String secret, Set<Scope> scopes, RateLimit rateLimit);

  /**
   * Registers an operator's secret unless the workspace knows it already (a bootstrap key given to
   * every start of a process): one listing, and a write only the first time. A secret revoked
   * earlier stays revoked.
   *
   * @throws IllegalArgumentException when the secret is not a well-formed key
   */
  Registration ensureRegistered(
      WorkspaceId workspace, String secret, Set<Scope> scopes, RateLimit rateLimit);

  /** What {@link #ensureRegistered} found. */
  enum Registration {
    /** The secret was not known: it is registered now. */
    REGISTERED,
    /** The secret was registered before and is live. */
    ALREADY_REGISTERED,
    /** The secret was registered before and revoked since: it stays revoked. */
    REVOKED
  }

  /** Revokes a key; false when the workspace has no key with that id. */
  boolean revoke(WorkspaceId workspace, String keyId);

  List<ApiKey> list(WorkspaceId workspace);

  /** A newly issued key and its one-time secret. */
  record IssuedKey(String secret, ApiKey key) {
    public IssuedKey {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(key, "key");
    }
  }
}
