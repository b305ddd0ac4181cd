package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.paging.ListingCursor;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.DisplayName;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Issues, registers, revokes and lists API keys; only hashes are stored. */
public final class ApiKeyService implements ManageApiKeysUseCase {
  /** The name a bootstrap key is registered with. */
  static final String BOOTSTRAP_NAME = "bootstrap";

  private static final String LISTING = "keys";

  private final ApiKeyRepository keys;
  private final Clock clock;

  public ApiKeyService(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public IssuedKey issue(Caller caller, NewKey request) {
    caller.require(Scope.ADMIN);
    DisplayName.check("name", request.name());
    if (request.scopes().isEmpty()) {
      throw TouchlineException.invalid("scopes", "scopes must name at least one scope");
    }
    if (request.scopes().contains(Scope.PLATFORM)) {
      throw new TouchlineException(
          ErrorCode.FORBIDDEN_SCOPE,
          "a key issued through the API never holds the scope platform",
          "scopes");
    }
    for (Scope scope : request.scopes()) {
      if (!caller.scopes().contains(scope)) {
        throw new TouchlineException(
            ErrorCode.FORBIDDEN_SCOPE,
            "this key cannot grant the scope " + scope.wireName() + ": it does not hold it",
            "scopes");
      }
    }
    List<ApiKey> held = keys.listByWorkspace(caller.workspace());
    if (held.stream().filter(k -> !k.revoked()).count() >= MAX_LIVE_KEYS) {
      throw new TouchlineException(
          ErrorCode.LIMIT_REACHED,
          "the workspace holds "
              + MAX_LIVE_KEYS
              + " live keys, the most it may; revoke one before issuing another");
    }
    if (held.size() >= MAX_KEYS) {
      throw new TouchlineException(
          ErrorCode.LIMIT_REACHED,
          "the workspace holds " + MAX_KEYS + " keys, revoked ones included, the most it may");
    }
    String secret = ApiKeySecrets.generate();
    return new IssuedKey(
        secret,
        store(caller.workspace(), secret, request.name(), request.scopes(), request.rateLimit()));
  }

  @Override
  public Page<ApiKey> list(Caller caller, PageRequest page) {
    caller.require(Scope.ADMIN);
    Optional<String> after =
        Cursors.translate(() -> ListingCursor.decodeKey(page.cursor(), LISTING));
    List<ApiKey> rest =
        keys.listByWorkspace(caller.workspace()).stream()
            .sorted(Comparator.comparing(ApiKey::id))
            .filter(k -> after.isEmpty() || k.id().compareTo(after.get()) > 0)
            .limit(page.limit() + 1L)
            .toList();
    if (rest.size() <= page.limit()) {
      return new Page<>(rest, Optional.empty());
    }
    List<ApiKey> items = rest.subList(0, page.limit());
    return new Page<>(
        items,
        Optional.of(ListingCursor.encode(LISTING, List.of(items.get(items.size() - 1).id()))));
  }

  @Override
  public Optional<ApiKey> revoke(Caller caller, String keyId) {
    caller.require(Scope.ADMIN);
    if (!ApiKeySecrets.isPublicId(keyId) || !keys.revoke(caller.workspace(), keyId)) {
      return Optional.empty();
    }
    return keys.listByWorkspace(caller.workspace()).stream()
        .filter(k -> k.id().equals(keyId))
        .findFirst();
  }

  @Override
  public IssuedKey issue(
      WorkspaceId workspace, String name, Set<Scope> scopes, RateLimit rateLimit) {
    DisplayName.check("name", name);
    String secret = ApiKeySecrets.generate();
    return new IssuedKey(secret, store(workspace, secret, name, scopes, rateLimit));
  }

  @Override
  public ApiKey register(
      WorkspaceId workspace, String secret, Set<Scope> scopes, RateLimit rateLimit) {
    requireWellFormed(secret);
    return store(workspace, secret, "", scopes, rateLimit);
  }

  private ApiKey store(
      WorkspaceId workspace, String secret, String name, Set<Scope> scopes, RateLimit rateLimit) {
    ApiKey key =
        new ApiKey(
            ApiKeySecrets.publicId(secret),
            workspace,
            ApiKeySecrets.hash(secret),
            name,
            ApiKeySecrets.hint(secret),
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
              store(workspace, secret, BOOTSTRAP_NAME, scopes, rateLimit);
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
