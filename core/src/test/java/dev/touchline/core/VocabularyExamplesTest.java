package dev.touchline.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.Vocabulary;
import dev.touchline.core.domain.workspace.Vocabulary.PropertySpec;
import dev.touchline.core.domain.workspace.Vocabulary.PropertyType;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped vocabulary examples ({@code examples/vocabulary-*.json}), installed in a workspace:
 * every declared type is accepted with its properties, refused without each required one or with a
 * mistyped one, and an undeclared type is refused.
 */
class VocabularyExamplesTest {
  private final AtomicInteger people = new AtomicInteger();

  private static Map<String, JsonValue> valid(Map<String, PropertySpec> declared) {
    Map<String, JsonValue> properties = new LinkedHashMap<>();
    declared.forEach((name, spec) -> properties.put(name, sample(spec.type())));
    return properties;
  }

  private static JsonValue sample(PropertyType type) {
    return switch (type) {
      case STRING -> JsonValue.of("hard");
      case NUMBER -> JsonValue.of(12.5);
      case BOOLEAN -> JsonValue.of(true);
      case TIMESTAMP -> JsonValue.of("2026-03-01T10:15:30+01:00");
      case OBJECT -> JsonValue.object("a", 1);
      case ARRAY -> JsonValue.of(java.util.List.of(1, 2));
    };
  }

  /** A value of another type than {@code type} (a timestamp's is a string that is not one). */
  private static JsonValue mistyped(PropertyType type) {
    return switch (type) {
      case STRING, OBJECT, ARRAY, BOOLEAN -> JsonValue.of(7);
      case NUMBER -> JsonValue.of("7");
      case TIMESTAMP -> JsonValue.of("yesterday");
    };
  }

  private IngestOutcome ingest(
      Touchline engine, Caller caller, String type, Map<String, JsonValue> p) {
    return engine
        .ingest()
        .ingest(
            caller,
            IngestCommand.of(
                EventInput.of(type, "email", "p" + people.incrementAndGet() + "@example.com")
                    .withProperties(new JsonValue.JsonObject(p))))
        .outcomes()
        .get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vocabulary-lifecycle-events.json", "vocabulary-subscriber-events.json"})
  void everyDeclaredType_isAcceptedWithItsProperties_andRefusedWithoutOrMistypingThem(String file)
      throws Exception {
    Touchline engine = Touchline.builder().build();
    Caller caller = Caller.trusted(new WorkspaceId("examples"));
    engine
        .workspaceConfig()
        .replace(caller, Files.readString(Path.of("../examples").resolve(file)));
    Vocabulary vocabulary =
        new dev.touchline.core.wire.JacksonWorkspaceConfigParser()
            .parse(Files.readString(Path.of("../examples").resolve(file)))
            .vocabulary();
    assertThat(vocabulary.closed()).isTrue();

    vocabulary
        .events()
        .forEach(
            (type, schema) -> {
              Map<String, JsonValue> properties = valid(schema.properties());
              assertThat(ingest(engine, caller, type, properties))
                  .as(type)
                  .isInstanceOf(IngestOutcome.Accepted.class);
              schema
                  .properties()
                  .forEach(
                      (name, spec) -> {
                        Map<String, JsonValue> wrong = new LinkedHashMap<>(properties);
                        wrong.put(name, mistyped(spec.type()));
                        assertThat(ingest(engine, caller, type, wrong))
                            .as(type + " with " + name + " mistyped")
                            .isInstanceOfSatisfying(
                                IngestOutcome.Rejected.class,
                                r -> assertThat(r.field()).contains("properties." + name));
                        if (spec.required()) {
                          Map<String, JsonValue> missing = new LinkedHashMap<>(properties);
                          missing.remove(name);
                          assertThat(ingest(engine, caller, type, missing))
                              .as(type + " without " + name)
                              .isInstanceOfSatisfying(
                                  IngestOutcome.Rejected.class,
                                  r -> assertThat(r.field()).contains("properties." + name));
                        }
                      });
            });
    assertThat(ingest(engine, caller, "page_viewed", Map.of()))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class, r -> assertThat(r.field()).contains("event"));
  }

  @Test
  void theLifecycleExample_movesAContactAlongItsStages() throws Exception {
    InMemoryTriggerSink sink = new InMemoryTriggerSink();
    Touchline engine = Touchline.builder().triggerSink(sink).build();
    Caller caller = Caller.trusted(new WorkspaceId("examples"));
    engine
        .workspaceConfig()
        .replace(caller, Files.readString(Path.of("../examples/vocabulary-lifecycle-events.json")));
    EventInput signup = EventInput.of("signup", "email", "ann@example.com");
    EventInput purchase =
        EventInput.of("purchase", "email", "ann@example.com")
            .withProperties(JsonValue.object("orderId", "o-1", "amount", 49));

    engine.ingest().ingest(caller, IngestCommand.of(signup));
    var lead = engine.contacts().list(caller, new Audience.AtStage("lead"), PageRequest.first(10));
    engine.ingest().ingest(caller, IngestCommand.of(purchase));
    var customers =
        engine.contacts().list(caller, new Audience.AtStage("customer"), PageRequest.first(10));

    assertThat(lead.items()).singleElement().satisfies(c -> assertThat(c.tags()).contains("trial"));
    assertThat(customers.items())
        .singleElement()
        .satisfies(c -> assertThat(c.tags()).doesNotContain("trial"));
    assertThat(sink.delivered())
        .singleElement()
        .satisfies(t -> assertThat(t.workflow()).isEqualTo("customer-onboarding"));
  }
}
