package dev.touchline.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
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
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.testkit.scenario.ScenarioRunner;
import dev.touchline.testkit.scenario.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of events into an engine whose every storage port and trigger sink fail a share of
 * their calls (before or after their work, by timing out, by throttling), each event re-sent by its
 * client until it is accepted or answered as a duplicate: the final state must equal a fault-free
 * run's exactly — every event once, no contact doubled, the same tags, scores, segments, lifecycle
 * and stats, every trigger recorded once and delivered at least once. Each store extends it and
 * supplies its ports, wrapped by the given injector.
 */
public abstract class FaultStormSuite {
  private static final Logger LOG = Logger.getLogger(FaultStormSuite.class.getName());
  private static final int THREADS = 8;
  private static final int MAX_ATTEMPTS = 200;

  static final String CONFIG =
      """
      {
        "rules": [
          {"id": "joined", "when": {"event": "signup"}, "then": [{"addTag": "member"}, {"setLifecycle": "lead"}, {"trigger": "welcome"}]},
          {"id": "buyer", "when": {"event": "purchase"}, "then": [{"addTag": "buyer"}, {"score": 10}, {"setLifecycle": "customer"}]},
          {"id": "reader", "when": {"event": "page_viewed"}, "then": [{"score": 1}]},
          {"id": "vip", "when": {"event": "segment.entered", "where": {"property": "segment", "eq": "vip"}}, "then": [{"trigger": "vip-welcome"}]}
        ],
        "segments": [{"id": "vip", "condition": {"scoreAtLeast": 60}}]
      }
      """;

  /** The engine's storage for one run, each port wrapped by {@code faults.wrap(...)}. */
  protected abstract Touchline.Builder storage(
      Touchline.Builder builder, Clock clock, FaultInjector faults);

  /** How many distinct events the workload has. */
  protected int events() {
    return 10_000;
  }

  /** The share of store calls that fail. */
  protected double faultRate() {
    return 0.03;
  }

  @Test
  void underInjectedFaults_theFinalStateEqualsAFaultFreeRun() throws Exception {
    List<EventInput> workload = workload();
    Run clean = new Run(new FaultInjector(0, 1));
    Run faulty = new Run(new FaultInjector(faultRate(), 42));

    long started = System.nanoTime();
    int cleanAttempts = clean.ingestAll(workload);
    double cleanSeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    int faultyAttempts = faulty.ingestAll(workload);
    double faultySeconds = (System.nanoTime() - started) / 1e9;
    faulty.faults.enabled(false);
    LOG.info(
        String.format(
            java.util.Locale.ROOT,
            "fault storm: %d events; fault-free %d attempts in %.1f s; with %d injected faults %s,"
                + " %d attempts in %.1f s",
            workload.size(),
            cleanAttempts,
            cleanSeconds,
            faulty.faults.total(),
            faulty.faults.injected(),
            faultyAttempts,
            faultySeconds));

    assertThat(cleanAttempts).isEqualTo(workload.size());

    Set<String> people = new HashSet<>();
    workload.forEach(e -> people.add(e.email().orElseThrow()));
    Set<String> contactIds = new HashSet<>();
    int stored = 0;
    for (String email : people) {
      Contact a = faulty.contact(email);
      Contact b = clean.contact(email);
      assertThat(contactIds.add(a.id().value())).as("one contact for " + email).isTrue();
      assertThat(a.tags()).as("tags of " + email).isEqualTo(b.tags());
      assertThat(a.score()).as("score of " + email).isEqualTo(b.score());
      assertThat(a.segments()).as("segments of " + email).isEqualTo(b.segments());
      assertThat(a.lifecycle()).as("lifecycle of " + email).isEqualTo(b.lifecycle());
      assertThat(counts(a)).as("event counts of " + email).isEqualTo(counts(b));
      List<Event> timeline = faulty.timeline(a);
      Set<String> messageIds = new HashSet<>();
      timeline.forEach(
          e ->
              assertThat(messageIds.add(e.messageId().orElseThrow()))
                  .as(
                      "%s stored once in %s's timeline: %s",
                      e.messageId().orElseThrow(),
                      email,
                      timeline.stream()
                          .filter(x -> x.messageId().equals(e.messageId()))
                          .map(x -> x.id().value() + "@" + x.receivedAt())
                          .toList())
                  .isTrue());
      assertThat(timeline).hasSameSizeAs(clean.timeline(b));
      stored += timeline.size();
      assertThat(faulty.triggerKinds(a))
          .as("triggers recorded for " + email)
          .isEqualTo(clean.triggerKinds(b));
    }
    assertThat(stored).as("every event stored once").isEqualTo(workload.size());
    Set<String> delivered = new HashSet<>();
    faulty.sink.delivered().forEach(t -> delivered.add(t.id()));
    assertThat(delivered)
        .as("every recorded trigger delivered at least once")
        .containsAll(faulty.recordedTriggerIds(people));
    assertThat(faulty.faults.total())
        .as("faults injected (at least one per ten events)")
        .isGreaterThanOrEqualTo(workload.size() / 10);
  }

  private List<EventInput> workload() {
    Random random = new Random(7);
    String[] types = {"signup", "purchase", "page_viewed", "page_viewed"};
    List<EventInput> events = new ArrayList<>();
    for (int i = 0; i < events(); i++) {
      String email = "person" + random.nextInt(Math.max(1, events() / 25)) + "@storm.example";
      String type = types[random.nextInt(types.length)];
      JsonValue.JsonObject props =
          type.equals("purchase")
              ? JsonValue.object("orderId", "o-" + i)
              : JsonValue.object("n", i);
      events.add(
          EventInput.of(type, "email", email).withProperties(props).withMessageId("storm-" + i));
    }
    Collections.shuffle(events, random);
    return events;
  }

  private static Map<String, Long> counts(Contact c) {
    Map<String, Long> out = new TreeMap<>();
    c.stats().forEach((type, s) -> out.put(type, s.count()));
    return out;
  }

  /** One engine over one workspace, its ports behind {@link #faults}. */
  private final class Run {
    final FaultInjector faults;
    final InMemoryTriggerSink sink = new InMemoryTriggerSink();
    final Touchline engine;
    final Caller caller;

    Run(FaultInjector faults) {
      this.faults = faults;
      TestClock clock = new TestClock(ScenarioRunner.START);
      TriggerSink faultySink = faults.wrap(TriggerSink.class, sink);
      this.engine =
          storage(Touchline.builder(), clock, faults)
              .clock(clock)
              .triggerSink(faultySink)
              // A resend of an event whose first attempt failed takes it over at once: the
              // client below never sends one event twice at the same time.
              .inFlightGrace(Duration.ZERO)
              .build();
      this.caller =
          Caller.trusted(
              new WorkspaceId("storm-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
      faults.enabled(false);
      engine.workspaceConfig().replace(caller, CONFIG);
      faults.enabled(true);
    }

    /** Sends every event until it is accepted or a duplicate; answers the attempts made. */
    int ingestAll(List<EventInput> workload) throws Exception {
      ConcurrentLinkedQueue<EventInput> queue = new ConcurrentLinkedQueue<>(workload);
      AtomicInteger attempts = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  EventInput e;
                  while ((e = queue.poll()) != null) {
                    for (int attempt = 1; ; attempt++) {
                      attempts.incrementAndGet();
                      IngestOutcome o = send(e);
                      if (o instanceof IngestOutcome.Accepted
                          || o instanceof IngestOutcome.Duplicate) {
                        break;
                      }
                      if (attempt == MAX_ATTEMPTS) {
                        throw new AssertionError(e.messageId() + " never landed: " + o);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();
      return attempts.get();
    }

    private IngestOutcome send(EventInput e) {
      try {
        return engine.ingest().ingest(caller, IngestCommand.of(e)).outcomes().get(0);
      } catch (RuntimeException failed) {
        return null; // the request failed as a whole (a 500): the client sends it again
      }
    }

    Contact contact(String email) {
      return engine
          .contacts()
          .findByIdentifier(caller, IdentityType.EMAIL, email)
          .orElseThrow(() -> new AssertionError("no contact for " + email));
    }

    List<Event> timeline(Contact c) {
      List<Event> all = new ArrayList<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<Event> p =
            engine
                .events()
                .list(caller, java.util.Optional.of(c.id()), java.util.Optional.empty(), page);
        all.addAll(p.items());
        if (p.nextCursor().isEmpty()) {
          return all;
        }
        page = page.after(p.nextCursor().get());
      }
    }

    /** The workflows of the triggers recorded for a contact, with their counts. */
    Map<String, Integer> triggerKinds(Contact c) {
      Map<String, Integer> kinds = new TreeMap<>();
      for (Trigger t : triggers(c)) {
        kinds.merge(t.workflow(), 1, Integer::sum);
      }
      return kinds;
    }

    Set<String> recordedTriggerIds(Set<String> people) {
      Set<String> ids = new HashSet<>();
      for (String email : people) {
        triggers(contact(email)).forEach(t -> ids.add(t.id()));
      }
      return ids;
    }

    private List<Trigger> triggers(Contact c) {
      List<Trigger> all = new ArrayList<>();
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (true) {
        Page<Trigger> p = engine.triggers().listByContact(caller.workspace(), c.id(), page);
        all.addAll(p.items());
        if (p.nextCursor().isEmpty()) {
          return all;
        }
        page = page.after(p.nextCursor().get());
      }
    }
  }
}
