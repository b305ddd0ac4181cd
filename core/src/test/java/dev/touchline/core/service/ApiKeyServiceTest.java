package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import dev.touchline.core.port.in.ManageApiKeysUseCase.NewKey;
import dev.touchline.core.port.in.ManageApiKeysUseCase.Registration;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
  private static final WorkspaceId WS = new WorkspaceId("boot");
  private final InMemoryApiKeyRepository store = new InMemoryApiKeyRepository();
  private final ApiKeyService keys = new ApiKeyService(store, Clock.systemUTC());

  @Test
  void aBootstrapSecret_isRegisteredOnce_andARevokedOneStaysRevoked() {
    String secret = ApiKeySecrets.generate();
    Set<Scope> all = Set.of(Scope.values());

    assertThat(keys.ensureRegistered(WS, secret, all, RateLimit.DEFAULT))
        .isEqualTo(Registration.REGISTERED);
    assertThat(keys.ensureRegistered(WS, secret, all, RateLimit.DEFAULT))
        .isEqualTo(Registration.ALREADY_REGISTERED);
    assertThat(keys.list(WS)).hasSize(1);

    keys.revoke(WS, ApiKeySecrets.publicId(secret));
    assertThat(keys.ensureRegistered(WS, secret, all, RateLimit.DEFAULT))
        .isEqualTo(Registration.REVOKED);
    assertThat(keys.list(WS)).singleElement().satisfies(k -> assertThat(k.revoked()).isTrue());
  }

  @Test
  void aSecretThatIsNotAKey_isRefusedBeforeAnythingIsStored() {
    assertThatThrownBy(
            () -> keys.ensureRegistered(WS, "tl_live_short", Set.of(), RateLimit.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret: not a well-formed key");
    assertThat(keys.list(WS)).isEmpty();
  }

  @Test
  void aWorkspaceHoldsAtMost1000KeysInAll_revokedOnesIncluded() {
    Caller admin = new Caller(WS, "key_admin", Scope.workspaceScopes());
    NewKey reader = new NewKey("", Set.of(Scope.EVENTS_READ), RateLimit.DEFAULT);
    for (int i = 0; i < ManageApiKeysUseCase.MAX_KEYS - 1; i++) {
      String id = keys.issue(admin, reader).key().id();
      keys.revoke(admin, id);
    }
    ApiKey last = keys.issue(admin, reader).key();
    assertThat(keys.list(WS)).hasSize(ManageApiKeysUseCase.MAX_KEYS);

    keys.revoke(admin, last.id());
    assertThatThrownBy(() -> keys.issue(admin, reader))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
              assertThat(e.getMessage()).contains("1000 keys, revoked ones included");
            });
  }
}
