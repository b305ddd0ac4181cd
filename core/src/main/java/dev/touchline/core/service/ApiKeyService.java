package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Issues, registers, revokes and lists API keys; only hashes are stored. */
public final class ApiKeyService implements ManageApiKeysUseCase {
  private final ApiKeyRepository keys;
  private final Clock clock;

  public ApiKeyService(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public IssuedKey issue(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    String secret = ApiKeySecrets.generate();
    return new IssuedKey(secret, register(workspace, secret, scopes, rateLimit));
  }

  @Override
  public ApiKey register(
      WorkspaceId workspace, String secret, Set<Scope> scopes, RateLimit rateLimit) {
    requireWellFormed(secret);
    ApiKey key =
        new ApiKey(
            ApiKeySecrets.publicId(secret),
            workspace,
            ApiKeySecrets.hash(secret),
            scopes,
            rateLimit,
            clock.instant(),
            false);
    keys.save(key);
    return key;
  }

  @Override
  public Registration ensureRegistered(
      WorkspaceId workspace, String secret, Set<Scope> scopes, RateLimit rateLimit) {
    requireWellFormed(secret);
    String hash = ApiKeySecrets.hash(secret);
    return keys.listByWorkspace(workspace).stream()
        .filter(k -> k.hash().equals(hash))
        .findFirst()
        .map(k -> k.revoked() ? Registration.REVOKED : Registration.ALREADY_REGISTERED)
        .orElseGet(
            () -> {
              register(workspace, secret, scopes, rateLimit);
              return Registration.REGISTERED;
            });
  }

  @Override
  public boolean revoke(WorkspaceId workspace, String keyId) {
    return keys.revoke(workspace, keyId);
  }

  @Override
  public List<ApiKey> list(WorkspaceId workspace) {
    return keys.listByWorkspace(workspace);
  }

  private static void requireWellFormed(String secret) {
    if (!ApiKeySecrets.isWellFormed(secret)) {
      throw new IllegalArgumentException(
          "secret: not a well-formed key (tl_live_<32 letters/digits>_<6-char checksum>)");
    }
  }
}
