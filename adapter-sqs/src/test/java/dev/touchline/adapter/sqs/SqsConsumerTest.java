package dev.touchline.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.testkit.faults.FaultyEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The consumer against ElasticMQ in process, with a real redrive policy ({@link LocalStackSqsIT}
 * runs the same against LocalStack where Docker exists).
 */
@Timeout(120)
class SqsConsumerTest {
  private static final WorkspaceId SHOP = new WorkspaceId("shop");
  private static final Caller CALLER = Caller.trusted(SHOP);
  private static final String CONFIG =
      "{\"rules\":[{\"id\":\"s\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"score\":10}]}]}";
  private static ElasticMq elasticMq;

  private final FaultyEvents events = new FaultyEvents();
  private final Touchline engine =
      Touchline.builder().events(events).inFlightGrace(Duration.ofSeconds(2)).build();
  private final List<SqsConsumer> consumers = new ArrayList<>();

  @BeforeAll
  static void startQueue() {
    elasticMq = new ElasticMq();
  }

  @AfterAll
  static void stopQueue() {
    elasticMq.close();
  }

  /** The SQS the tests run on. */
  protected ElasticMq mq() {
    return elasticMq;
  }

  @AfterEach
  void stopConsumers() {
    consumers.forEach(SqsConsumer::close);
    engine.close();
  }

  @BeforeEach
  void configure() {
    engine.workspaceConfig().replace(CALLER, CONFIG);
  }

  private SqsConsumer consumer(String queueUrl, Duration visibility, Duration grace) {
    SqsConsumer c =
        new SqsConsumer(
            mq().sqs,
            engine,
            SqsConsumerSettings.builder(queueUrl, SHOP)
                .waitTime(Duration.ofSeconds(1))
                .visibilityTimeout(visibility)
                .shutdownGrace(grace)
                .build());
    consumers.add(c);
    return c;
  }

  private SqsEventPublisher publisher(String queueUrl) {
    return new SqsEventPublisher(mq().sqs, queueUrl, 256 * 1024, Clock.systemUTC());
  }

  private static String purchase(String email, String orderId) {
    return "{\"event\":\"purchase\",\"email\":\""
        + email
        + "\",\"properties\":{\"orderId\":\""
        + orderId
        + "\",\"amount\":5}}";
  }

  /** A contact that exists before the queue is read (its signup scores nothing). */
  private void knownContact(String email) {
    engine.ingest().ingest(CALLER, IngestCommand.of(EventInput.of("signup", "email", email)));
  }

  private Optional<Contact> contact(String email) {
    return engine.contacts().findByIdentifier(CALLER, IdentityType.EMAIL, email);
  }

  private List<IncomingEntry> incoming(WorkspaceId ws, IncomingStatus status) {
    return engine
        .incoming()
        .list(Caller.trusted(ws), Optional.of(status), PageRequest.first(100))
        .items();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void anEnvelopeIsIngestedThenDeleted() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 3, false);
    publisher(q.events())
        .publish(
            SHOP,
            "{\"events\":["
                + purchase("ann@example.com", "o-1")
                + ","
                + purchase("ann@example.com", "o-2")
                + ","
                + purchase("bob@example.com", "o-3")
                + "]}");
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(30), Duration.ofSeconds(5));

    consumer.start();
    await("the message is done", () -> consumer.stats().done() == 1);

    assertThat(contact("ann@example.com")).map(Contact::score).contains(20L);
    assertThat(contact("bob@example.com")).map(Contact::score).contains(10L);
    await("the queue is empty", () -> mq().depth(q.events()) == 0);
    assertThat(mq().depth(q.deadLetters())).isZero();
    assertThat(consumer.stats().apiCalls())
        .as("a receive and a batch delete, plus the empty receives since")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aPoisonMessageInABatchOfTen_isRecordedAndDeleted_andHoldsBackNone() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 3, false);
    SqsEventPublisher publisher = publisher(q.events());
    for (int i = 0; i < 9; i++) {
      publisher.publish(SHOP, purchase("p" + i + "@example.com", "o-" + i));
    }
    mq().send(q.events(), "this is not an envelope");
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(30), Duration.ofSeconds(5));

    consumer.start();
    await("all ten are finished", () -> consumer.stats().done() + consumer.stats().poison() == 10);

    assertThat(consumer.stats().poison()).isEqualTo(1);
    for (int i = 0; i < 9; i++) {
      assertThat(contact("p" + i + "@example.com")).map(Contact::score).contains(10L);
    }
    assertThat(incoming(SHOP, IncomingStatus.REJECTED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.processError().orElseThrow().code()).isEqualTo("invalid_payload");
              assertThat(e.processError().orElseThrow().message())
                  .startsWith("the message is not an envelope: malformed JSON at line 1");
              assertThat(e.payload()).isEqualTo("this is not an envelope");
            });
    await("the queue is empty", () -> mq().depth(q.events()) == 0);
    assertThat(mq().depth(q.deadLetters())).as("poison is deleted, not dead-lettered").isZero();
  }

  @Test
  void anEnvelopeForAWorkspaceNotServed_isRecordedInTheFirstServedWorkspace() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 3, false);
    publisher(q.events()).publish(new WorkspaceId("elsewhere"), purchase("x@example.com", "o-1"));
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(30), Duration.ofSeconds(5));

    consumer.start();
    await("the message is finished", () -> consumer.stats().poison() == 1);

    assertThat(incoming(SHOP, IncomingStatus.REJECTED))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.processError().orElseThrow().message())
                    .isEqualTo("workspace 'elsewhere' is not served by this consumer"));
    assertThat(incoming(new WorkspaceId("elsewhere"), IncomingStatus.REJECTED)).isEmpty();
    assertThat(contact("x@example.com")).isEmpty();
  }

  @Test
  void aRetryableFailure_leavesTheMessage_whichIsRedeliveredAndFinallyDeadLettered() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(1), 3, false);
    knownContact("ann@example.com");
    events.failNext(Integer.MAX_VALUE); // the store is down for good
    publisher(q.events()).publish(SHOP, purchase("ann@example.com", "o-1"));
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(1), Duration.ofSeconds(5));

    consumer.start();
    await("the message is dead-lettered", () -> mq().depth(q.deadLetters()) == 1);

    assertThat(consumer.stats().retried()).isEqualTo(3);
    assertThat(consumer.stats().done()).isZero();
    assertThat(mq().depth(q.events())).isZero();
    assertThat(contact("ann@example.com")).map(Contact::score).contains(0L);
  }

  @Test
  void aRetryableFailure_thenSuccess_appliesTheEventOnce() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(1), 5, false);
    knownContact("ann@example.com");
    events.failNext(2);
    publisher(q.events()).publish(SHOP, purchase("ann@example.com", "o-1"));
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(1), Duration.ofSeconds(5));

    consumer.start();
    await("the message is done", () -> consumer.stats().done() == 1);

    assertThat(consumer.stats().retried()).isEqualTo(2);
    assertThat(contact("ann@example.com")).map(Contact::score).contains(10L);
    assertThat(events.stored(SHOP)).extracting(Event::type).containsExactly("purchase", "signup");
    assertThat(mq().depth(q.deadLetters())).isZero();
  }

  @Test
  void theSameEnvelopeDeliveredThreeTimes_hasItsEffectsOnce_evenWithoutMessageIds() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 5, false);
    events.delay(Duration.ofMillis(300)); // the copies are worked at the same time
    SqsEventPublisher.Outgoing envelope =
        publisher(q.events())
            .envelopes(
                SHOP,
                "{\"events\":[{\"event\":\"page_viewed\",\"email\":\"ann@example.com\"},"
                    + "{\"event\":\"page_viewed\",\"email\":\"ann@example.com\"}]}")
            .get(0);
    for (int i = 0; i < 3; i++) {
      mq().send(q.events(), envelope.body());
    }
    // Copies worked at once find the first still in flight: they are looked at again shortly,
    // not after the 30 s visibility timeout.
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(30), Duration.ofSeconds(5));

    long start = System.nanoTime();
    consumer.start();
    await("all three are done", () -> consumer.stats().done() == 3);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

    assertThat(events.stored(SHOP))
        .as("two events, once each; the messageIds the consumer gave them are not shown")
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.messageId()).isEmpty());
    assertThat(incoming(SHOP, IncomingStatus.DUPLICATE).size()).isGreaterThanOrEqualTo(4);
    assertThat(mq().depth(q.deadLetters())).isZero();
  }

  @Test
  void onAFifoQueue_eachContactsEventsAreIngestedInTheOrderSent() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 3, true);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(
          "{\"event\":\"page_viewed\",\"email\":\"f"
              + (i % 5)
              + "@example.com\",\"messageId\":\"m-"
              + i
              + "\",\"properties\":{\"pad\":\""
              + "x".repeat(300)
              + "\"}}");
    }
    // Small messages: each carries two or three events, so a contact's events span several.
    List<String> sent =
        new SqsEventPublisher(mq().sqs, q.events(), 1024, Clock.systemUTC())
            .publish(SHOP, "{\"events\":[" + String.join(",", items) + "]}");
    assertThat(sent.size()).isGreaterThan(10);
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(30), Duration.ofSeconds(5));

    consumer.start();
    await("every message is done", () -> consumer.stats().done() == sent.size());

    for (int p = 0; p < 5; p++) {
      Contact c = contact("f" + p + "@example.com").orElseThrow();
      List<String> inOrder = new ArrayList<>();
      engine
          .events()
          .list(CALLER, Optional.of(c.id()), Optional.empty(), PageRequest.first(50))
          .items()
          .forEach(e -> inOrder.add(0, e.messageId().orElseThrow())); // newest first: reversed
      List<String> expected = new ArrayList<>();
      for (int i = p; i < 40; i += 5) {
        expected.add("m-" + i);
      }
      assertThat(inOrder).as("f" + p).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void withoutASetting_theQueuesVisibilityIsUsed_andAZeroOneIsRaisedTo30s() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(7), 3, false);
    ElasticMq.Queues zero = mq().queues(Duration.ZERO, 3, false);
    SqsConsumer fromQueue =
        new SqsConsumer(
            mq().sqs,
            engine,
            SqsConsumerSettings.builder(q.events(), SHOP).waitTime(Duration.ofSeconds(1)).build());
    SqsConsumer fromZero =
        new SqsConsumer(
            mq().sqs,
            engine,
            SqsConsumerSettings.builder(zero.events(), SHOP)
                .waitTime(Duration.ofSeconds(1))
                .build());
    consumers.add(fromQueue);
    consumers.add(fromZero);
    publisher(zero.events()).publish(SHOP, purchase("zed@example.com", "o-9"));

    fromQueue.start();
    fromZero.start();
    await("the message is done", () -> fromZero.stats().done() == 1);

    assertThat(fromQueue.visibility()).isEqualTo(Duration.ofSeconds(7));
    assertThat(fromZero.visibility()).isEqualTo(Duration.ofSeconds(30));
    assertThat(fromZero.stats().received()).as("hidden while worked: received once").isEqualTo(1);
  }

  @Test
  void longWorkHasItsVisibilityExtended_soItIsNotDeliveredTwice() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(1), 5, false);
    events.delay(Duration.ofMillis(3_000)); // three visibility timeouts
    publisher(q.events()).publish(SHOP, purchase("ann@example.com", "o-1"));
    SqsConsumer consumer = consumer(q.events(), Duration.ofSeconds(1), Duration.ofSeconds(5));

    consumer.start();
    await("the message is done", () -> consumer.stats().done() == 1);

    assertThat(consumer.stats().received()).as("never redelivered while worked").isEqualTo(1);
    assertThat(contact("ann@example.com")).map(Contact::score).contains(10L);
  }

  @Test
  void closeHandsUnfinishedWorkBackToTheQueue_andAnotherConsumerFinishesIt() {
    ElasticMq.Queues q = mq().queues(Duration.ofSeconds(30), 5, false);
    events.delay(Duration.ofMillis(4_000));
    publisher(q.events()).publish(SHOP, purchase("ann@example.com", "o-1"));
    SqsConsumer first = consumer(q.events(), Duration.ofSeconds(30), Duration.ZERO);
    first.start();
    await("the first consumer is working", () -> first.stats().received() == 1);

    long started = System.nanoTime();
    first.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("close does not wait for the 30 s visibility")
        .isLessThan(Duration.ofSeconds(10));
    events.delay(Duration.ofMillis(0));
    SqsConsumer second = consumer(q.events(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    second.start();
    await("the second consumer finished it", () -> second.stats().done() == 1);

    assertThat(contact("ann@example.com")).map(Contact::score).contains(10L);
    assertThat(events.stored(SHOP)).hasSize(1);
  }
}
