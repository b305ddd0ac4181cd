package dev.touchline.testkit.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentityConflict;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.testkit.scenario.ScenarioRunner;
import dev.touchline.testkit.scenario.TestClock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random batches worked with {@code batchConcurrency(1)} and with the default give the same
 * per-item outcomes and leave the same state: contacts (identities, attributes, tags, score,
 * segments, stats, applied events, version), timelines, the incoming log, delivered triggers, and
 * the dedup claims (the same batch sent again gets the same answers). Ids differ between two
 * engines, so contacts are compared by their identities and events by the item that made them.
 * Batches hold 1–500 items about 1–20 people, with identifiers shared and mixed across items,
 * repeated messageIds and orderIds, throttled opens, bots, contacts made mid-batch, customer ids,
 * items that meet the same contact only after resolution, and refused items. A failure names its
 * seed; rerun it with {@code -Dtouchline.batch-seed=<seed>}.
 */
public abstract class BatchEquivalenceSuite {
  static final String CONFIG =
      """
      {
        "rules": [
          {"id": "buyer", "when": {"event": "purchase"}, "then": [{"addTag": "buyer"}, {"score": 10}]},
          {"id": "reader", "when": {"event": "page_viewed"}, "then": [{"score": {"points": 1, "cooldown": "PT1H"}}]},
          {"id": "joined", "when": {"event": "signup"}, "then": [{"addTag": "member"}, {"score": {"points": 5, "once": true}}, {"trigger": "welcome"}]},
          {"id": "opened", "when": {"event": "email_opened"}, "then": [{"score": 2}, {"removeTag": "cold"}]},
          {"id": "vip", "when": {"event": "segment.entered", "where": {"property": "segment", "eq": "vip"}}, "then": [{"trigger": "vip-welcome"}]}
        ],
        "segments": [{"id": "vip", "condition": {"scoreAtLeast": 20}}]
      }
      """;

  private static final String[] TYPES = {
    "page_viewed", "page_viewed", "purchase", "purchase", "email_opened", "signup", "identify"
  };

  /** A builder wired to the storage under test; every engine uses a workspace of its own. */
  protected abstract Touchline.Builder storage(Clock clock);

  /** How many random batches one run tries; slow stores may lower it. */
  protected int rounds() {
    return 40;
  }

  @Test
  void randomBatches_workedConcurrently_equalOneByOne() {
    long base = Long.getLong("touchline.batch-seed", System.nanoTime());
    int rounds = Long.getLong("touchline.batch-seed") != null ? 1 : rounds();
    for (int r = 0; r < rounds; r++) {
      long seed = base + r;
      try {
        check(seed);
      } catch (AssertionError e) {
        throw new AssertionError(
            "seed " + seed + " (rerun with -Dtouchline.batch-seed=" + seed + "): " + e.getMessage(),
            e);
      }
    }
  }

  private void check(long seed) {
    Random random = new Random(seed);
    int people = 1 + random.nextInt(20);
    int size = random.nextInt(5) == 0 ? 500 : 1 + random.nextInt(200);
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      specs.add(Spec.random(random, people, i));
    }
    Engine oneByOne = new Engine(1, people);
    Engine concurrent = new Engine(16, people);
    for (int pass = 1; pass <= 2; pass++) {
      List<String> expected = oneByOne.ingest(specs);
      List<String> actual = concurrent.ingest(specs);
      for (int i = 0; i < specs.size(); i++) {
        assertThat(actual.get(i))
            .as("pass %d, item %d of %d (%s)", pass, i, specs.size(), specs.get(i))
            .isEqualTo(expected.get(i));
      }
    }
    assertThat(concurrent.contacts()).isEqualTo(oneByOne.contacts());
    assertThat(concurrent.timelines()).isEqualTo(oneByOne.timelines());
    assertThat(concurrent.incoming()).isEqualTo(oneByOne.incoming());
    assertThat(concurrent.triggers()).isEqualTo(oneByOne.triggers());
  }

  /** One random item, independent of the engine (a customer is named by the person it is). */
  private record Spec(
      String type,
      Optional<String> email,
      Optional<String> phone,
      Optional<String> externalId,
      Optional<Integer> customerOf,
      boolean unknownCustomer,
      Optional<String> messageId,
      JsonValue.JsonObject properties,
      Optional<JsonValue.JsonObject> traits,
      boolean bot,
      boolean refused) {

    static Spec random(Random random, int people, int index) {
      int person = random.nextInt(people);
      String type = TYPES[random.nextInt(TYPES.length)];
      Optional<String> email = Optional.empty();
      Optional<String> phone = Optional.empty();
      Optional<String> externalId = Optional.empty();
      Optional<Integer> customerOf = Optional.empty();
      boolean unknownCustomer = false;
      int how = random.nextInt(20);
      if (how == 0) {
        customerOf = Optional.of(random.nextInt(people));
      } else if (how == 1) {
        unknownCustomer = true;
      } else {
        do {
          if (random.nextBoolean()) {
            email = Optional.of(emailOf(mix(random, person, people)));
          }
          if (random.nextInt(3) == 0) {
            phone = Optional.of(phoneOf(mix(random, person, people)));
          }
          if (random.nextInt(4) == 0) {
            externalId = Optional.of("ext-" + mix(random, person, people));
          }
        } while (email.isEmpty() && phone.isEmpty() && externalId.isEmpty());
        if (random.nextInt(40) == 0) {
          email = Optional.of("not-an-email");
        }
      }
      Optional<String> messageId =
          random.nextInt(5) < 2 ? Optional.of("m-" + random.nextInt(30)) : Optional.empty();
      JsonValue.JsonObject properties =
          switch (type) {
            case "purchase" ->
                random.nextInt(4) == 0
                    ? JsonValue.object("amount", random.nextInt(100))
                    : JsonValue.object("orderId", "o-" + random.nextInt(12));
            case "email_opened" -> JsonValue.object("campaign", "c-" + random.nextInt(3));
            default -> JsonValue.object("n", random.nextInt(3));
          };
      Optional<JsonValue.JsonObject> traits =
          type.equals("identify") || random.nextInt(10) == 0
              ? Optional.of(JsonValue.object("plan", random.nextBoolean() ? "pro" : "free"))
              : Optional.empty();
      return new Spec(
          type,
          email,
          phone,
          externalId,
          customerOf,
          unknownCustomer,
          messageId,
          properties,
          traits,
          random.nextInt(30) == 0,
          random.nextInt(25) == 0);
    }

    /** Usually the person's own identifier; now and then another's, so contacts meet. */
    private static int mix(Random random, int person, int people) {
      return random.nextInt(8) == 0 ? random.nextInt(people) : person;
    }

    IngestItem item(Function<Integer, ContactId> customers) {
      if (refused) {
        return new IngestItem.Invalid(
            ErrorCode.INVALID_PAYLOAD, "refused by the decoder", Optional.of("x"), "{\"x\":1}");
      }
      Optional<String> customer =
          unknownCustomer
              ? Optional.of("01ZZZZZZZZZZZZZZZZZZZZZZZZ")
              : customerOf.map(p -> customers.apply(p).value());
      EventInput input =
          new EventInput(
              type,
              customer,
              email,
              phone,
              externalId,
              properties,
              traits,
              Optional.empty(),
              messageId,
              EventContext.EMPTY,
              bot,
              toString());
      return new IngestItem.Valid(input);
    }
  }

  static String emailOf(int person) {
    return "p" + person + "@batch.example";
  }

  static String phoneOf(int person) {
    return "+1415555" + String.format("%04d", person);
  }

  /** One engine, one workspace, its people known before the batches. */
  private final class Engine {
    final InMemoryTriggerSink sink = new InMemoryTriggerSink();
    final Touchline engine;
    final Caller caller;
    final int people;
    final Map<Integer, ContactId> known = new HashMap<>();
    final Map<EventId, String> eventLabels = new HashMap<>();
    int passes;

    Engine(int concurrency, int people) {
      TestClock clock = new TestClock(ScenarioRunner.START);
      this.engine =
          storage(clock).clock(clock).triggerSink(sink).batchConcurrency(concurrency).build();
      this.caller =
          Caller.trusted(new WorkspaceId("batch-" + UUID.randomUUID().toString().substring(0, 8)));
      this.people = people;
      engine.workspaceConfig().replace(caller, CONFIG);
      // Half the people exist before the batch (each by email); the rest appear in it.
      List<IngestItem> setup = new ArrayList<>();
      for (int p = 0; p < people; p += 2) {
        setup.add(new IngestItem.Valid(EventInput.of("signup", "email", emailOf(p))));
      }
      if (!setup.isEmpty()) {
        List<IngestOutcome> outcomes =
            engine.ingest().ingest(caller, IngestCommand.batch(setup)).outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
          IngestOutcome.Accepted a = (IngestOutcome.Accepted) outcomes.get(i);
          known.put(i * 2, a.contactId());
          eventLabels.put(a.eventId(), "setup-" + i);
        }
      }
    }

    /** The batch's outcomes, written without ids. */
    List<String> ingest(List<Spec> specs) {
      passes++;
      List<IngestItem> items = new ArrayList<>();
      for (Spec s : specs) {
        items.add(s.item(p -> known.getOrDefault(p, new ContactId("01YYYYYYYYYYYYYYYYYYYYYYYY"))));
      }
      IngestCommand command =
          items.size() == 1 ? IngestCommand.single(items.get(0)) : IngestCommand.batch(items);
      List<IngestOutcome> outcomes = engine.ingest().ingest(caller, command).outcomes();
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i) instanceof IngestOutcome.Accepted a) {
          eventLabels.putIfAbsent(a.eventId(), "pass" + passes + "-item" + i);
        }
      }
      List<String> out = new ArrayList<>();
      for (IngestOutcome o : outcomes) {
        out.add(describe(o));
      }
      return out;
    }

    private String describe(IngestOutcome o) {
      if (o instanceof IngestOutcome.Accepted a) {
        StringBuilder conflicts = new StringBuilder();
        for (IdentityConflict c : a.conflicts()) {
          conflicts
              .append(c.type())
              .append('=')
              .append(c.value())
              .append('@')
              .append(c.ownedBy().map(this::label).orElse("-"))
              .append(' ');
        }
        return "accepted " + label(a.contactId()) + " by " + a.resolved() + " " + conflicts;
      }
      if (o instanceof IngestOutcome.Duplicate d) {
        return "duplicate of "
            + event(d.eventId())
            + " for "
            + d.contactId().map(this::label).orElse("-")
            + " ("
            + d.reason()
            + ")";
      }
      if (o instanceof IngestOutcome.Discarded d) {
        return "discarded " + d.reason() + " " + d.contactId().map(this::label).orElse("-");
      }
      IngestOutcome.Rejected r = (IngestOutcome.Rejected) o;
      return "rejected " + r.code() + " " + r.field().orElse("-");
    }

    private String event(EventId id) {
      return eventLabels.getOrDefault(id, "unknown event");
    }

    /** A contact by its identities, which no other contact shares. */
    private String label(ContactId id) {
      return engine
          .contacts()
          .get(caller, id.value())
          .map(c -> c.identities().all().stream().map(Identifier::key).sorted().toList().toString())
          .orElse("no contact");
    }

    private List<Contact> everyContact() {
      Map<ContactId, Contact> all = new TreeMap<>(java.util.Comparator.comparing(ContactId::value));
      for (int p = 0; p < people; p++) {
        for (var pair :
            List.of(
                Map.entry(IdentityType.EMAIL, emailOf(p)),
                Map.entry(IdentityType.PHONE, phoneOf(p)),
                Map.entry(IdentityType.EXTERNAL_ID, "ext-" + p))) {
          engine
              .contacts()
              .findByIdentifier(caller, pair.getKey(), pair.getValue())
              .ifPresent(c -> all.put(c.id(), c));
        }
      }
      return List.copyOf(all.values());
    }

    Map<String, String> contacts() {
      Map<String, String> out = new TreeMap<>();
      for (Contact c : everyContact()) {
        List<String> applied = c.appliedEvents().stream().map(this::event).toList();
        out.put(
            label(c.id()),
            "attributes="
                + c.attributes()
                + " tags="
                + c.tags()
                + " score="
                + c.score()
                + " segments="
                + c.segments()
                + " stats="
                + c.stats()
                + " marks="
                + c.scoreMarks()
                + " applied="
                + applied
                + " version="
                + c.version());
      }
      return out;
    }

    Map<String, List<String>> timelines() {
      Map<String, List<String>> out = new TreeMap<>();
      for (Contact c : everyContact()) {
        List<String> lines = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
          Page<Event> p = engine.events().list(caller, Optional.of(c.id()), Optional.empty(), page);
          for (Event e : p.items()) {
            lines.add(
                event(e.id())
                    + " "
                    + e.type()
                    + " "
                    + e.properties().canonical()
                    + " "
                    + e.messageId().orElse("-")
                    + " "
                    + e.resolvedBy()
                    + " triggers="
                    + e.triggers().size());
          }
          if (p.nextCursor().isEmpty()) {
            break;
          }
          page = page.after(p.nextCursor().get());
        }
        out.put(label(c.id()), lines);
      }
      return out;
    }

    List<String> incoming() {
      List<String> lines = new ArrayList<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<IncomingEntry> p = engine.incoming().list(caller, Optional.empty(), page);
        for (IncomingEntry e : p.items()) {
          lines.add(
              e.status()
                  + " "
                  + e.processError().map(x -> x.code()).orElse("-")
                  + " "
                  + e.eventId().map(this::event).orElse("-")
                  + " "
                  + e.payload());
        }
        if (p.nextCursor().isEmpty()) {
          return lines;
        }
        page = page.after(p.nextCursor().get());
      }
    }

    List<String> triggers() {
      List<String> lines = new ArrayList<>();
      for (Trigger t : sink.delivered()) {
        if (t.workspace().equals(caller.workspace())) {
          lines.add(t.workflow() + " " + label(t.contactId()) + " " + event(t.eventId()));
        }
      }
      java.util.Collections.sort(lines);
      return lines;
    }
  }
}
