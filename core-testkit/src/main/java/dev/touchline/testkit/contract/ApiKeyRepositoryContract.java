package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyRepository} must do. */
public abstract class ApiKeyRepositoryContract {
  protected ApiKeyRepository keys;
  protected WorkspaceId ws;

  protected abstract ApiKeyRepository repository();

  @BeforeEach
  void setUp() {
    keys = repository();
    ws = Fixtures.workspace();
  }

  private ApiKey key(WorkspaceId workspace, Set<Scope> scopes) {
    String secret = ApiKeySecrets.generate();
    return new ApiKey(
        ApiKeySecrets.publicId(secret),
        workspace,
        ApiKeySecrets.hash(secret),
        "reporting (" + workspace + ")",
        ApiKeySecrets.hint(secret),
        scopes,
        new RateLimit(10, 2.5),
        Fixtures.NOW,
        false);
  }

  @Test
  void save_thenFindByHash_roundTripsEveryField() {
    ApiKey k = key(ws, Set.of(Scope.EVENTS_WRITE, Scope.ADMIN));
    keys.save(k);
    assertThat(keys.findByHash(k.hash())).contains(k);
    assertThat(keys.findByHash(ApiKeySecrets.hash(ApiKeySecrets.generate()))).isEmpty();
  }

  @Test
  void save_ofAKeyWithoutNameOrHint_roundTripsThemEmpty() {
    ApiKey k = key(ws, Set.of(Scope.EVENTS_READ));
    ApiKey bare =
        new ApiKey(k.id(), ws, k.hash(), "", "", k.scopes(), k.rateLimit(), k.createdAt(), false);
    keys.save(bare);
    assertThat(keys.findByHash(k.hash())).contains(bare);
  }

  @Test
  void listByWorkspace_holdsOnlyThatWorkspacesKeys_orderedById() {
    ApiKey a = key(ws, Set.of(Scope.EVENTS_READ));
    ApiKey b = key(ws, Set.of(Scope.CONTACTS_READ));
    keys.save(a);
    keys.save(b);
    keys.save(key(Fixtures.workspace(), Set.of(Scope.ADMIN)));
    assertThat(keys.listByWorkspace(ws))
        .extracting(ApiKey::id)
        .containsExactlyElementsOf(java.util.stream.Stream.of(a.id(), b.id()).sorted().toList());
  }

  @Test
  void revoke_marksTheKey_butNotFromAnotherWorkspace() {
    ApiKey k = key(ws, Set.of(Scope.EVENTS_WRITE));
    keys.save(k);
    assertThat(keys.revoke(Fixtures.workspace(), k.id())).isFalse();
    assertThat(keys.findByHash(k.hash()).orElseThrow().revoked()).isFalse();
    assertThat(keys.revoke(ws, k.id())).isTrue();
    assertThat(keys.findByHash(k.hash()).orElseThrow().revoked()).isTrue();
    assertThat(keys.revoke(ws, "key_missing")).isFalse();
  }
}
