package dev.touchline.core.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the conformance scenarios cannot reach: store failures and header details. */
class TouchlineApiTest {
  private static final WorkspaceId WS = new WorkspaceId("acme");

  private static ApiRequest request(
      String method, String path, Map<String, String> headers, String body) {
    return new ApiRequest(
        method, path, Map.of(), headers, body == null ? null : body.getBytes(UTF_8));
  }

  @Test
  void aStoreFailure_isA500WithTheErrorDocument_andTheEventIsLoggedAsFailed() {
    Touchline engine = Touchline.builder().contacts(new DownContacts()).build();
    String key = engine.apiKeys().issue(WS, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    TouchlineApi api = new TouchlineApi(engine);

    ApiResponse r =
        api.handle(
            request(
                "POST",
                "/v1/events",
                Map.of("X-API-Key", key),
                "{\"event\":\"a\",\"email\":\"a@b.co\"}"));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).contains("\"code\":\"internal_error\"").contains("can be sent again");

    ApiResponse contact =
        api.handle(request("GET", "/v1/contacts/x", Map.of("X-API-Key", key), null));
    assertThat(contact.status()).isEqualTo(500);
    assertThat(contact.bodyText())
        .contains("\"code\":\"internal_error\"")
        .doesNotContain("database down");

    ApiResponse log =
        api.handle(
            new ApiRequest(
                "GET",
                "/v1/events/incoming",
                Map.of("status", List.of("failed")),
                Map.of("X-API-Key", key),
                null));
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.bodyText())
        .contains("\"status\":\"failed\"")
        .contains("\"processError\":{\"code\":\"internal_error\"")
        .contains("\"payload\":{\"event\":\"a\",\"email\":\"a@b.co\"}");
  }

  @Test
  void bearerIsCaseInsensitive_andATrailingSlashIsTolerated() {
    Touchline engine = Touchline.builder().build();
    String key = engine.apiKeys().issue(WS, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    TouchlineApi api = new TouchlineApi(engine);
    ApiResponse r =
        api.handle(
            new ApiRequest(
                "get",
                "/v1/events/",
                Map.of("limit", List.of("5")),
                Map.of("authorization", "bearer " + key),
                null));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "application/json");
    assertThat(r.bodyText()).isEqualTo("{\"data\":[],\"nextCursor\":null}");
  }

  @Test
  void aRepeatedQueryParameter_isRefused() {
    Touchline engine = Touchline.builder().build();
    String key = engine.apiKeys().issue(WS, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    ApiResponse r =
        new TouchlineApi(engine)
            .handle(
                new ApiRequest(
                    "GET",
                    "/v1/events",
                    Map.of("limit", List.of("5", "6")),
                    Map.of("X-API-Key", key),
                    null));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("\"field\":\"limit\"");
  }

  @Test
  void aStoredConfigurationPastTodaysRanges_isNamedInTheAnswer_andCanBeReplaced() {
    var repository = new dev.touchline.core.inmemory.InMemoryWorkspaceConfigRepository();
    // stored before the ranges were checked: points far past 1,000,000
    repository.save(
        WS,
        "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"score\":5000000000}]}]}",
        0,
        java.time.Instant.EPOCH);
    Touchline engine = Touchline.builder().workspaceConfigs(repository).build();
    String key = engine.apiKeys().issue(WS, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    TouchlineApi api = new TouchlineApi(engine);
    String event = "{\"event\":\"a\",\"email\":\"a@b.co\"}";

    ApiResponse refused =
        api.handle(request("POST", "/v1/events", Map.of("X-API-Key", key), event));
    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.bodyText())
        .contains("stored workspace configuration (version 1) is no longer valid")
        .contains("$.rules[0].then[0].score");

    ApiResponse read =
        api.handle(request("GET", "/v1/workspace/config", Map.of("X-API-Key", key), null));
    assertThat(read.status()).isEqualTo(200);
    ApiResponse replaced =
        api.handle(
            request(
                "PUT",
                "/v1/workspace/config",
                Map.of("X-API-Key", key),
                "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"score\":1000000}]}]}"));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(api.handle(request("POST", "/v1/events", Map.of("X-API-Key", key), event)).status())
        .isEqualTo(201);
  }

  /** A contact store that is down. */
  private static final class DownContacts implements ContactRepository {
    @Override
    public Optional<Contact> findById(WorkspaceId workspace, ContactId id) {
      throw new StorageException("database down");
    }

    @Override
    public Optional<Contact> findByIdentifier(WorkspaceId workspace, Identifier identifier) {
      throw new StorageException("database down");
    }

    @Override
    public CreateResult create(Contact contact) {
      throw new StorageException("database down");
    }

    @Override
    public ContactId claimIdentifier(
        WorkspaceId workspace, Identifier identifier, ContactId contactId) {
      throw new StorageException("database down");
    }

    @Override
    public Contact update(Contact read, Contact changed) {
      throw new StorageException("database down");
    }
  }
}
