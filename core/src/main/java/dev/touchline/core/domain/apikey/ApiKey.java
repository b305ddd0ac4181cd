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
 * @param name what the key is for, as its issuer named it ({@code ""} when unnamed)
 * @param hint the secret's last {@value ApiKeySecrets#HINT_CHARS} characters, so a holder can tell
 *     which key they hold ({@code ""} for a key stored before hints were kept)
 */
public record ApiKey(
    String id,
    WorkspaceId workspace,
    String hash,
    String name,
    String hint,
    Set<Scope> scopes,
    RateLimit rateLimit,
    Instant createdAt,
    boolean revoked) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(createdAt, "createdAt");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  public ApiKey revoke() {
    return new ApiKey(id, workspace, hash, name, hint, scopes, rateLimit, createdAt, true);
  }
}
