package dev.touchline.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's embedding examples, verbatim, so they keep working. */
class EmbeddingExampleTest {

  @Test
  void theEmbeddingExample() {
    Touchline engine = Touchline.builder().build(); // in-memory adapters, default config
    Caller caller = Caller.trusted(new WorkspaceId("acme"));

    IngestResult result =
        engine
            .ingest()
            .ingest(
                caller,
                IngestCommand.of(
                    EventInput.of("signup", "email", "Ann@Example.com")
                        .withProperties(JsonValue.object("plan", "pro"))
                        .withMessageId("signup-1")));

    IngestOutcome outcome = result.outcomes().get(0);
    Optional<Contact> ann =
        engine.contacts().findByIdentifier(caller, IdentityType.EMAIL, "ann@example.com");

    assertThat(outcome).isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ann).isPresent();
    assertThat(ann.get().stats().get("signup").count()).isEqualTo(1);
  }

  @Test
  void theJsonApiExample() {
    Touchline engine = Touchline.builder().build();
    TouchlineApi api = new TouchlineApi(engine);
    String key =
        engine
            .apiKeys()
            .issue(new WorkspaceId("acme"), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
            .secret();
    ApiResponse r =
        api.handle(
            new ApiRequest(
                "POST",
                "/v1/events",
                Map.of(),
                Map.of("X-API-Key", key),
                "{\"event\":\"signup\",\"email\":\"ann@example.com\"}".getBytes(UTF_8)));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.bodyText())
        .matches(
            "\\{\"eventId\":\"[0-9A-Z]{26}\",\"customerId\":\"[0-9A-Z]{26}\",\"resolved\":\"new\",\"status\":\"accepted\"}");
  }
}
