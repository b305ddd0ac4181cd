package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.rule.ContactEvolution;
import dev.touchline.core.domain.rule.ContactEvolution.EventFacts;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.JacksonWorkspaceConfigParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactEvolutionTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final Ulids ulids = new Ulids();
  private final Contact fresh =
      Contact.create(new WorkspaceId("ws"), new ContactId("c1"), Identities.NONE, NOW);

  private WorkspaceConfig config(String json) {
    return new JacksonWorkspaceConfigParser().parse(json);
  }

  private EventFacts event(String type, JsonValue.JsonObject props) {
    return new EventFacts(new EventId(ulids.next(NOW)), type, props, Optional.empty(), NOW);
  }

  @Test
  void statsCountEveryEvent_byOccurrenceTime_evenOutOfOrder() {
    WorkspaceConfig cfg = config("{}");
    Contact c = fresh;
    Instant early = NOW.minus(Duration.ofDays(2));
    c =
        ContactEvolution.apply(cfg, c, event("purchase", JsonValue.JsonObject.EMPTY), NOW)
            .contact();
    c =
        ContactEvolution.apply(
                cfg,
                c,
                new EventFacts(
                    new EventId(ulids.next(NOW)),
                    "purchase",
                    JsonValue.JsonObject.EMPTY,
                    Optional.empty(),
                    early),
                NOW)
            .contact();
    assertThat(c.stats().get("purchase").count()).isEqualTo(2);
    assertThat(c.stats().get("purchase").firstAt()).isEqualTo(early);
    assertThat(c.stats().get("purchase").lastAt()).isEqualTo(NOW);
  }

  @Test
  void theEventIsRecordedAsApplied_andOnlyTheLastTenAreKept() {
    WorkspaceConfig cfg = config("{}");
    Contact c = fresh;
    EventId first = null;
    for (int i = 0; i < 12; i++) {
      EventFacts e = event("ping", JsonValue.JsonObject.EMPTY);
      first = first == null ? e.id() : first;
      c = ContactEvolution.apply(cfg, c, e, NOW).contact();
      assertThat(c.hasApplied(e.id())).isTrue();
    }
    assertThat(c.appliedEvents()).hasSize(Contact.APPLIED_EVENTS_KEPT);
    assertThat(c.hasApplied(first)).isFalse();
  }

  @Test
  void triggerIds_areDeterministicPerEventAndRule() {
    WorkspaceConfig cfg =
        config(
            "{\"rules\":[{\"id\":\"w\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"welcome\"}]}]}");
    EventFacts e = event("signup", JsonValue.JsonObject.EMPTY);
    Trigger a = ContactEvolution.apply(cfg, fresh, e, NOW).triggers().get(0);
    Trigger b = ContactEvolution.apply(cfg, fresh, e, NOW.plusSeconds(5)).triggers().get(0);
    assertThat(a.id()).isEqualTo(b.id()).isEqualTo(Trigger.idFor(e.id(), "w", "|welcome"));
    Trigger other =
        ContactEvolution.apply(cfg, fresh, event("signup", JsonValue.JsonObject.EMPTY), NOW)
            .triggers()
            .get(0);
    assertThat(other.id()).isNotEqualTo(a.id());
    assertThat(a.cause()).isEqualTo("rule w on signup");
  }

  @Test
  void segmentsThatKeepFlipping_stopAfterTheRoundLimit() {
    // Entering "in" removes the tag it needs; leaving adds it back: an endless loop without a
    // bound.
    WorkspaceConfig cfg =
        config(
            """
            {"segments":[{"id":"in","condition":{"hasTag":"t"}}],
             "rules":[
               {"id":"start","when":{"event":"go"},"then":[{"addTag":"t"}]},
               {"id":"enter","when":{"event":"segment.entered"},"then":[{"removeTag":"t"},{"score":1}]},
               {"id":"exit","when":{"event":"segment.exited"},"then":[{"addTag":"t"},{"score":100}]}]}
            """);
    Contact c =
        ContactEvolution.apply(cfg, fresh, event("go", JsonValue.JsonObject.EMPTY), NOW).contact();
    assertThat(c.score()).isEqualTo(1 + 100 + 1 + 100);
  }

  @Test
  void traitsSetTypedAttributes_andNullRemovesOne() {
    WorkspaceConfig cfg = config("{}");
    EventFacts withTraits =
        new EventFacts(
            new EventId(ulids.next(NOW)),
            "page_viewed",
            JsonValue.object("ignored", 1),
            Optional.of(
                JsonValue.object(
                    "name", "Ann", "age", 30, "vip", true, "langs", java.util.List.of("en"))),
            NOW);
    Contact c = ContactEvolution.apply(cfg, fresh, withTraits, NOW).contact();
    assertThat(c.attributes())
        .containsEntry("name", new AttributeValue.Text("Ann"))
        .containsEntry("age", new AttributeValue.Number(new BigDecimal("30")))
        .containsEntry("vip", new AttributeValue.Bool(true))
        .doesNotContainKey("ignored");
    EventFacts removing =
        new EventFacts(
            new EventId(ulids.next(NOW)),
            "page_viewed",
            JsonValue.JsonObject.EMPTY,
            Optional.of(JsonValue.object("vip", null)),
            NOW);
    assertThat(ContactEvolution.apply(cfg, c, removing, NOW).contact().attributes())
        .doesNotContainKey("vip");
  }

  @Test
  void aRuleForAnotherEventType_isNeverConsulted() {
    WorkspaceConfig cfg =
        config(
            "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"addTag\":\"x\"}]}]}");
    assertThat(cfg.rules().forType("page_viewed")).isEmpty();
    assertThat(cfg.rules().forType("purchase")).hasSize(1);
  }

  @Test
  void aScoreSaturatesAtItsBoundsInsteadOfOverflowing() {
    Contact contact =
        Contact.create(
            new dev.touchline.core.domain.workspace.WorkspaceId("w"),
            new ContactId("c"),
            Identities.NONE,
            java.time.Instant.EPOCH);
    Contact.Builder builder = contact.toBuilder();
    builder.addScore(Contact.MAX_SCORE).addScore(1).addScore(Long.MAX_VALUE);
    assertThat(builder.score()).isEqualTo(Contact.MAX_SCORE);
    builder.addScore(Long.MIN_VALUE).addScore(-1);
    assertThat(builder.score()).isEqualTo(Contact.MIN_SCORE);
    builder.addScore(5);
    assertThat(builder.score()).isEqualTo(Contact.MIN_SCORE + 5);
  }
}
