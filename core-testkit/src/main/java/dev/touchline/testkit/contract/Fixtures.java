package dev.touchline.testkit.contract;

import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.EventStats;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test data for the contract suites: unique ids per test so one store can serve a whole class. */
public final class Fixtures {
  /** The fixed instant the suites treat as "now". */
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static final Ulids ULIDS = new Ulids();

  private Fixtures() {}

  public static WorkspaceId workspace() {
    return new WorkspaceId("ws-" + UUID.randomUUID().toString().substring(0, 13));
  }

  public static ContactId contactId() {
    return new ContactId(ULIDS.next(NOW));
  }

  public static EventId eventId() {
    return new EventId(ULIDS.next(NOW));
  }

  public static Identifier email(String local) {
    return new Identifier(
        IdentityType.EMAIL,
        local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  public static Identifier phone() {
    long n = Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 9_000_000L) + 1_000_000L;
    return new Identifier(IdentityType.PHONE, "+1415" + n);
  }

  public static Identifier externalId() {
    return new Identifier(IdentityType.EXTERNAL_ID, "ext-" + UUID.randomUUID());
  }

  public static Contact contact(WorkspaceId workspace, Identifier... identifiers) {
    return Contact.create(workspace, contactId(), Identities.of(List.of(identifiers)), NOW);
  }

  /** A contact carrying a value of every kind, to check that a store keeps them all. */
  public static Contact richContact(WorkspaceId workspace, Identifier... identifiers) {
    Contact c = contact(workspace, identifiers);
    Contact.Builder b = c.toBuilder();
    b.attributes().put("plan", new AttributeValue.Text("pro"));
    b.attributes().put("seats", new AttributeValue.Number(new BigDecimal("12.5")));
    b.attributes().put("trial", new AttributeValue.Bool(true));
    b.attributes()
        .put("renewsAt", new AttributeValue.Timestamp(Instant.parse("2026-05-01T00:00:00Z")));
    b.attributes()
        .put(
            "langs",
            new AttributeValue.ListValue(
                List.of(new AttributeValue.Text("en"), new AttributeValue.Number(BigDecimal.ONE))));
    b.tags().add("buyer");
    b.tags().add("newsletter");
    b.addScore(42);
    b.segments().add("vip");
    b.lifecycle("customer");
    b.stats().put("purchase", new EventStats(3, NOW.minusSeconds(3600), NOW));
    b.scoreMarks().put("r1", NOW.minusSeconds(60));
    b.markApplied(eventId());
    return b.build(NOW);
  }

  public static Event event(WorkspaceId workspace, ContactId contact, String type) {
    return event(workspace, eventId(), contact, type);
  }

  public static Event event(WorkspaceId workspace, EventId id, ContactId contact, String type) {
    return new Event(
        workspace,
        id,
        contact,
        type,
        JsonValue.object(
            "amount",
            new BigDecimal("19.99"),
            "sku",
            "A-1",
            "nested",
            JsonValue.object("x", List.of(1, "two", true))),
        Optional.of(JsonValue.object("plan", "pro")),
        ClientTimestamp.parse("2026-03-01T13:00:00+01:00"),
        NOW,
        Optional.of("msg-" + id.value()),
        new EventContext(
            Optional.of("s-1"),
            Optional.of("https://example.com/p"),
            Optional.empty(),
            Optional.of("google"),
            Optional.of("cpc"),
            Optional.of("spring"),
            Optional.of("Mozilla/5.0"),
            Optional.of("203.0.113.9")),
        Resolution.EMAIL,
        List.of());
  }
}
