package dev.touchline.testkit.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.testkit.scenario.ScenarioRunner;
import dev.touchline.testkit.scenario.TestClock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads ingest overlapping events (resent messageIds, the same new emails and phones at
 * once) and the outcome must equal a sequential run of the de-duplicated events: one contact per
 * identity, one stored event per messageId, the same tags, scores and triggers. Storage adapters
 * extend it and supply only {@link #storage()}.
 */
public abstract class IngestRaceSuite {
  private static final Logger LOG = Logger.getLogger(IngestRaceSuite.class.getName());
  private static final int THREADS = 16;

  /**
   * A builder wired to the storage under test, given the clock the run uses (the suite sets it on
   * the builder afterwards too); every run uses a workspace of its own, so storage may be shared.
   */
  protected abstract Touchline.Builder storage(Clock clock);

  /** How many people the workload is about; adapters with slow stores may lower it. */
  protected int people() {
    return 40;
  }

  /** How many distinct events the workload has. */
  protected int distinctEvents() {
    return 2000;
  }

  static final String CONFIG =
      """
      {
        "rules": [
          {"id": "buyer", "when": {"event": "purchase"}, "then": [{"addTag": "buyer"}, {"score": 10}]},
          {"id": "reader", "when": {"event": "page_viewed"}, "then": [{"score": 1}]},
          {"id": "joined", "when": {"event": "signup"}, "then": [{"addTag": "member"}, {"score": {"points": 5, "once": true}}, {"trigger": "welcome"}]},
          {"id": "vip", "when": {"event": "segment.entered", "where": {"property": "segment", "eq": "vip"}}, "then": [{"trigger": "vip-welcome"}]}
        ],
        "segments": [{"id": "vip", "condition": {"scoreAtLeast": 40}}]
      }
      """;

  record Planned(String identityField, String identity, EventInput input) {}

  @Test
  void concurrentOverlappingIngest_equalsASequentialRunOfTheDeduplicatedEvents() throws Exception {
    race(1);
  }

  @Test
  void concurrentOverlappingBatches_equalASequentialRunOfTheDeduplicatedEvents() throws Exception {
    race(40);
  }

  /** Sixteen threads, each sending batches of up to {@code batchSize} deliveries. */
  private void race(int batchSize) throws Exception {
    Random random = new Random(42);
    List<Planned> distinct = new ArrayList<>();
    String[] types = {"purchase", "page_viewed", "signup", "page_viewed"};
    for (int i = 0; i < distinctEvents(); i++) {
      int person = random.nextInt(people());
      boolean byEmail = person % 2 == 0;
      String field = byEmail ? "email" : "phone";
      String identity =
          byEmail
              ? "person" + person + "@race.example"
              : "+1415555" + String.format("%04d", person);
      String type = types[random.nextInt(types.length)];
      JsonValue.JsonObject props =
          type.equals("purchase")
              ? JsonValue.object("orderId", "o-" + i)
              : JsonValue.object("n", i);
      EventInput input =
          EventInput.of(type, field, identity).withProperties(props).withMessageId("msg-" + i);
      distinct.add(new Planned(field, identity, input));
    }
    List<Planned> deliveries = new ArrayList<>(distinct);
    for (Planned p : distinct) {
      int resends = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
      for (int r = 0; r < resends; r++) {
        deliveries.add(p);
      }
    }
    Collections.shuffle(deliveries, random);

    Run concurrent = new Run();
    long started = System.nanoTime();
    Map<String, Integer> outcomes = concurrent.ingestConcurrently(deliveries, batchSize);
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info(
        String.format(
            "race: %d deliveries (%d distinct) on %d threads, batches of up to %d, in %.2f s"
                + " (%.0f events/s); outcomes %s",
            deliveries.size(),
            distinct.size(),
            THREADS,
            batchSize,
            seconds,
            deliveries.size() / seconds,
            outcomes));

    Run sequential = new Run();
    for (Planned p : distinct) {
      IngestOutcome o = sequential.ingest(p.input());
      assertThat(o).isInstanceOf(IngestOutcome.Accepted.class);
    }

    assertThat(outcomes.getOrDefault("Accepted", 0)).isEqualTo(distinct.size());
    assertThat(outcomes.getOrDefault("Duplicate", 0))
        .isEqualTo(deliveries.size() - distinct.size());
    assertThat(outcomes.keySet()).containsOnly("Accepted", "Duplicate");

    Set<String> identities = new HashSet<>();
    distinct.forEach(p -> identities.add(p.identityField() + ":" + p.identity()));
    Set<String> contactIds = new HashSet<>();
    List<Contact> raced = new ArrayList<>();
    int storedEvents = 0;
    for (String key : identities) {
      String field = key.substring(0, key.indexOf(':'));
      String value = key.substring(key.indexOf(':') + 1);
      IdentityType type = IdentityType.fromWireName(field);
      Contact a =
          concurrent
              .engine
              .contacts()
              .findByIdentifier(concurrent.caller, type, value)
              .orElseThrow();
      Contact b =
          sequential
              .engine
              .contacts()
              .findByIdentifier(sequential.caller, type, value)
              .orElseThrow();
      assertThat(contactIds.add(a.id().value())).as("one contact per identity").isTrue();
      raced.add(a);
      assertThat(a.tags()).as("tags of " + key).isEqualTo(b.tags());
      assertThat(a.score()).as("score of " + key).isEqualTo(b.score());
      assertThat(a.segments()).as("segments of " + key).isEqualTo(b.segments());
      assertThat(counts(a)).as("event counts of " + key).isEqualTo(counts(b));
      List<Event> timeline = concurrent.timeline(a);
      Set<String> messageIds = new HashSet<>();
      for (Event e : timeline) {
        assertThat(messageIds.add(e.messageId().orElseThrow()))
            .as("one event per messageId")
            .isTrue();
      }
      storedEvents += timeline.size();
      assertThat(concurrent.triggersOf(a))
          .as("triggers of " + key)
          .isEqualTo(sequential.triggersOf(b));
    }
    assertThat(storedEvents).isEqualTo(distinct.size());
    for (Audience audience :
        List.of(
            new Audience.Tagged("buyer"),
            new Audience.Tagged("member"),
            new Audience.InSegment("vip"))) {
      Set<String> holding = new TreeSet<>();
      raced.stream().filter(audience::includes).forEach(c -> holding.add(c.id().value()));
      assertThat(holding).as(audience + " has members after the race").isNotEmpty();
      assertThat(concurrent.members(audience))
          .as("the listing of " + audience + " after the race: exactly its members")
          .isEqualTo(holding);
    }
  }

  private static Map<String, Long> counts(Contact c) {
    Map<String, Long> out = new TreeMap<>();
    c.stats().forEach((type, s) -> out.put(type, s.count()));
    return out;
  }

  /** One engine over one workspace. */
  private final class Run {
    /** Every contact id an audience lists, page after page. */
    Set<String> members(Audience audience) {
      Set<String> ids = new TreeSet<>();
      PageRequest request = PageRequest.first(7);
      while (true) {
        var page = engine.contacts().list(caller, audience, request);
        page.items().forEach(c -> ids.add(c.id().value()));
        if (page.nextCursor().isEmpty()) {
          return ids;
        }
        request = request.after(page.nextCursor().get());
      }
    }

    final InMemoryTriggerSink sink = new InMemoryTriggerSink();
    final Touchline engine;
    final Caller caller;

    Run() {
      TestClock clock = new TestClock(ScenarioRunner.START);
      this.engine = storage(clock).clock(clock).triggerSink(sink).build();
      WorkspaceId ws =
          new WorkspaceId("race-" + java.util.UUID.randomUUID().toString().substring(0, 8));
      this.caller = Caller.trusted(ws);
      engine.workspaceConfig().replace(caller, CONFIG);
    }

    IngestOutcome ingest(EventInput input) {
      IngestResult r =
          engine.ingest().ingest(caller, IngestCommand.single(new IngestItem.Valid(input)));
      return r.outcomes().get(0);
    }

    Map<String, Integer> ingestConcurrently(List<Planned> deliveries, int batchSize)
        throws Exception {
      ConcurrentLinkedQueue<Planned> queue = new ConcurrentLinkedQueue<>(deliveries);
      Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  Random sizes = new Random(Thread.currentThread().getId());
                  while (true) {
                    List<IngestItem> batch = new ArrayList<>();
                    int want = 1 + sizes.nextInt(batchSize);
                    Planned p;
                    while (batch.size() < want && (p = queue.poll()) != null) {
                      batch.add(new IngestItem.Valid(p.input()));
                    }
                    if (batch.isEmpty()) {
                      return null;
                    }
                    IngestCommand command =
                        batch.size() == 1
                            ? IngestCommand.single(batch.get(0))
                            : IngestCommand.batch(batch);
                    for (IngestOutcome o : engine.ingest().ingest(caller, command).outcomes()) {
                      counts
                          .computeIfAbsent(o.getClass().getSimpleName(), k -> new AtomicInteger())
                          .incrementAndGet();
                      if (o instanceof IngestOutcome.Rejected r) {
                        throw new AssertionError("rejected: " + r);
                      }
                    }
                  }
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      Map<String, Integer> out = new LinkedHashMap<>();
      counts.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    List<Event> timeline(Contact c) {
      List<Event> all = new ArrayList<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<Event> p = engine.events().list(caller, Optional.of(c.id()), Optional.empty(), page);
        all.addAll(p.items());
        if (p.nextCursor().isEmpty()) {
          return all;
        }
        page = page.after(p.nextCursor().get());
      }
    }

    Map<String, Integer> triggersOf(Contact c) {
      Map<String, Integer> out = new TreeMap<>();
      for (Trigger t : sink.delivered()) {
        if (t.contactId().equals(c.id())) {
          out.merge(t.workflow(), 1, Integer::sum);
        }
      }
      return out;
    }
  }
}
