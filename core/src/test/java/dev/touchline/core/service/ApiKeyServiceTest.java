package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
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
}
