package dev.touchline.core.domain.apikey;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API key: only the hash of the secret is kept.
 *
 * @param id a short public id, safe to log and list
 * @param hash the SHA-256 of the full key, hex
 */
public record ApiKey(
    String id,
    WorkspaceId workspace,
    String hash,
    Set<Scope> scopes,
    RateLimit rateLimit,
    Instant createdAt,
    boolean revoked) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(createdAt, "createdAt");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  public ApiKey revoke() {
    return new ApiKey(id, workspace, hash, scopes, rateLimit, createdAt, true);
  }
}
