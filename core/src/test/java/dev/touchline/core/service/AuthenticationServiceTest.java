package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Unknown, malformed and revoked keys: one answer, and one store read each. */
class AuthenticationServiceTest {
  private final AtomicInteger reads = new AtomicInteger();
  private final InMemoryApiKeyRepository store = new InMemoryApiKeyRepository();
  private final ApiKeyRepository counted =
      new ApiKeyRepository() {
        @Override
        public void save(ApiKey key) {
          store.save(key);
        }

        @Override
        public Optional<ApiKey> findByHash(String hash) {
          reads.incrementAndGet();
          return store.findByHash(hash);
        }

        @Override
        public List<ApiKey> listByWorkspace(WorkspaceId workspace) {
          return store.listByWorkspace(workspace);
        }

        @Override
        public boolean revoke(WorkspaceId workspace, String keyId) {
          return store.revoke(workspace, keyId);
        }
      };
  private final AuthenticationService auth = new AuthenticationService(counted, Clock.systemUTC());

  private String refusal(String key) {
    reads.set(0);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> auth.authenticate(key));
    assertThat(t).isInstanceOf(TouchlineException.class);
    return ((TouchlineException) t).code() + ": " + t.getMessage() + " reads=" + reads.get();
  }

  @Test
  void unknownMalformedAndRevokedKeys_getOneAnswer_afterOneStoreReadEach() {
    String revoked = ApiKeySecrets.generate();
    store.save(
        new ApiKey(
                ApiKeySecrets.publicId(revoked),
                new WorkspaceId("ws"),
                ApiKeySecrets.hash(revoked),
                "k",
                ApiKeySecrets.hint(revoked),
                EnumSet.of(Scope.EVENTS_READ),
                RateLimit.DEFAULT,
                Instant.EPOCH,
                false)
            .revoke());
    String unknown = ApiKeySecrets.generate();
    String expected = refusal(unknown);

    assertThat(expected).endsWith("reads=1");
    for (String other :
        List.of(
            revoked,
            unknown.substring(0, unknown.length() - 1) + (unknown.endsWith("A") ? "B" : "A"),
            "tl_live_short",
            "not a key",
            "x".repeat(10_000))) {
      assertThat(refusal(other)).as(other.length() > 40 ? "a long key" : other).isEqualTo(expected);
    }
  }

  @Test
  void noKeyAtAll_isRefusedWithoutAStoreRead() {
    assertThat(refusal(null)).endsWith("reads=0");
    assertThatThrownBy(() -> auth.authenticate(null)).isInstanceOf(TouchlineException.class);
  }
}
