package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Operator tasks on API keys: issue, register a known secret (bootstrap), revoke, list. */
public interface ManageApiKeysUseCase {

  /** Issues a new random key; the secret is in the result and nowhere else. */
  IssuedKey issue(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit);

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
