package dev.touchline.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.testkit.scenario.ScenarioRunner;
import dev.touchline.testkit.scenario.TestClock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write units per kind of event, from DynamoDB's own {@code ConsumedCapacity}: a fixed mix of new
 * contacts, ordinary events (with and without messageId), duplicates and throttled events. The
 * figures are logged per kind and per table/index and recorded in the module README. It asserts the
 * budget exactly as the module README states it: an ordinary event at most 3 units plus exactly 1
 * per dedup key it carries (messageId, business key, throttle slot), a duplicate or throttled event
 * at most 1, an event that creates a contact at most 6 plus its dedup keys, and transactions only
 * where a contact is created.
 */
@Timeout(300)
class WriteCostTest {
  private static final Logger LOG = Logger.getLogger(WriteCostTest.class.getName());
  private static final int PER_KIND = 20;
  private static AmazonDynamoDBLocal local;
  private static CapacityMeter meter;
  private static Touchline engine;
  private static final Caller CALLER = Caller.trusted(new WorkspaceId("cost"));
  private static final TestClock CLOCK = new TestClock(ScenarioRunner.START);

  @BeforeAll
  static void start() {
    local = DynamoDBEmbedded.create();
    meter = CapacityMeter.around(local.dynamoDbClient());
    DynamoDbStore store = new DynamoDbStore(meter.client(), "cost");
    store.createTableIfMissing(false);
    engine = DynamoDbStorage.on(store, CLOCK).configure(Touchline.builder()).build();
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  private static IngestOutcome ingest(EventInput input) {
    return ingest(CALLER, input);
  }

  private static IngestOutcome ingest(Caller caller, EventInput input) {
    return engine.ingest().ingest(caller, IngestCommand.of(input)).outcomes().get(0);
  }

  private static EventInput event(String type, int person, String messageId) {
    EventInput e =
        EventInput.of(type, "email", "person" + person + "@cost.example")
            .withProperties(JsonValue.object("path", "/pricing", "plan", "pro", "n", person));
    return messageId == null ? e : e.withMessageId(messageId);
  }

  record Cost(double perEvent, Map<String, Double> perTarget, int transactions) {}

  private static Cost measure(
      String kind,
      Class<? extends IngestOutcome> expected,
      java.util.function.IntFunction<EventInput> events) {
    return measure(CALLER, kind, expected, events);
  }

  private static Cost measure(
      Caller caller,
      String kind,
      Class<? extends IngestOutcome> expected,
      java.util.function.IntFunction<EventInput> events) {
    meter.reset();
    for (int i = 0; i < PER_KIND; i++) {
      assertThat(ingest(caller, events.apply(i))).as(kind).isInstanceOf(expected);
    }
    Map<String, Double> perTarget = new LinkedHashMap<>();
    meter.byTarget().forEach((k, v) -> perTarget.put(k, v / PER_KIND));
    Cost cost = new Cost(meter.total() / PER_KIND, perTarget, meter.transactions());
    LOG.info(
        String.format(
            java.util.Locale.ROOT,
            "write units, %-36s %.2f per event %s, %d transactions",
            kind,
            cost.perEvent(),
            perTarget,
            cost.transactions()));
    return cost;
  }

  @Test
  void writeUnitsPerKindOfEvent() {
    // Outside the measurement: the configuration cache, and the once-a-day marker of event days.
    engine.workspaceConfig().get(CALLER);
    ingest(event("warm_up", 999_999, null));
    Cost created =
        measure(
            "new contact, with messageId",
            IngestOutcome.Accepted.class,
            i -> event("signup", i, "new-" + i));
    Cost createdWithoutId =
        measure(
            "new contact, no messageId",
            IngestOutcome.Accepted.class,
            i -> event("signup", 1000 + i, null));
    Cost withId =
        measure(
            "known contact, with messageId",
            IngestOutcome.Accepted.class,
            i -> event("page_viewed", i, "pv-" + i));
    Cost withoutId =
        measure(
            "known contact, no messageId",
            IngestOutcome.Accepted.class,
            i -> event("page_viewed", i, null));
    Cost purchase =
        measure(
            "known contact, purchase with orderId",
            IngestOutcome.Accepted.class,
            i ->
                EventInput.of("purchase", "email", "person" + i + "@cost.example")
                    .withProperties(JsonValue.object("orderId", "o-" + i, "amount", 10)));
    Cost duplicate =
        measure(
            "duplicate messageId",
            IngestOutcome.Duplicate.class,
            i -> event("page_viewed", i, "pv-" + i));
    Cost firstOpen =
        measure(
            "first email_opened",
            IngestOutcome.Accepted.class,
            i -> event("email_opened", i, "open-" + i));
    Cost throttled =
        measure(
            "throttled email_opened",
            IngestOutcome.Discarded.class,
            i -> event("email_opened", i, "open2-" + i));

    assertThat(duplicate.perEvent())
        .as("a duplicate costs at most one write unit")
        .isLessThanOrEqualTo(1.0);
    assertThat(throttled.perEvent())
        .as("a throttled event costs at most one write unit")
        .isLessThanOrEqualTo(1.0);
    assertThat(withoutId.perEvent())
        .as("an ordinary event without a messageId costs at most 3 write units")
        .isLessThanOrEqualTo(3.0);
    assertThat(withId.perEvent() - withoutId.perEvent())
        .as("a messageId costs exactly its claim")
        .isEqualTo(1.0);
    assertThat(firstOpen.perEvent() - withId.perEvent())
        .as("a throttle slot costs exactly its claim")
        .isEqualTo(1.0);
    assertThat(purchase.perEvent() - withoutId.perEvent())
        .as("a business key costs exactly its claim")
        .isEqualTo(1.0);
    assertThat(withId.transactions() + withoutId.transactions() + purchase.transactions())
        .as("no transaction on the ordinary path")
        .isZero();
    assertThat(created.transactions()).as("one transaction per new contact").isEqualTo(PER_KIND);
    assertThat(createdWithoutId.perEvent())
        .as("an event that creates a contact costs at most 6 write units")
        .isLessThanOrEqualTo(6.0);
    assertThat(created.perEvent() - createdWithoutId.perEvent())
        .as("a messageId costs exactly its claim")
        .isEqualTo(1.0);
  }

  @Test
  void anAudienceEntryOrExitCostsItsMembership_andAnEventThatChangesNoneCostsNothingMore() {
    Caller audiences = Caller.trusted(new WorkspaceId("cost-audiences"));
    engine
        .workspaceConfig()
        .replace(
            audiences,
            "{\"rules\":[{\"id\":\"in\",\"when\":{\"event\":\"join\"},"
                + "\"then\":[{\"addTag\":\"members\"}]},"
                + "{\"id\":\"out\",\"when\":{\"event\":\"leave\"},"
                + "\"then\":[{\"removeTag\":\"members\"}]}]}");
    for (int i = 0; i < PER_KIND; i++) {
      ingest(audiences, event("signup", i, null)); // the contacts, outside the measurement
    }
    Cost ordinary =
        measure(
            audiences,
            "known contact, no audience change",
            IngestOutcome.Accepted.class,
            i -> event("page_viewed", i, null));
    Cost entry =
        measure(
            audiences,
            "known contact, enters an audience",
            IngestOutcome.Accepted.class,
            i -> event("join", i, null));
    Cost again =
        measure(
            audiences,
            "known contact, already in it",
            IngestOutcome.Accepted.class,
            i -> event("join", i, null));
    Cost exit =
        measure(
            audiences,
            "known contact, leaves an audience",
            IngestOutcome.Accepted.class,
            i -> event("leave", i, null));

    assertThat(ordinary.perEvent())
        .as("an event that changes no membership costs what any ordinary event costs")
        .isLessThanOrEqualTo(3.0);
    assertThat(again.perEvent())
        .as("staying in an audience costs nothing more")
        .isEqualTo(ordinary.perEvent());
    assertThat(ordinary.transactions() + again.transactions()).isZero();
    assertThat(entry.transactions())
        .as("the contact and its entry in one transaction")
        .isEqualTo(PER_KIND);
    assertThat(exit.transactions())
        .as("the contact and its exit in one transaction")
        .isEqualTo(PER_KIND);
    assertThat(entry.perEvent() - ordinary.perEvent())
        .as("an entry: the membership item and the transaction's price on the contact")
        .isEqualTo(3.0);
    assertThat(exit.perEvent() - ordinary.perEvent())
        .as("an exit: the membership's deletion and the transaction's price on the contact")
        .isEqualTo(3.0);
  }
}
