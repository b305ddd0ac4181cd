package dev.touchline.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 events, each envelope delivered 1–3 times, shuffled, read by two consumers at once: every
 * event is stored once, every purchase scored once, every contact made once, nothing dead-lettered,
 * on the memory store and on DynamoDB Local.
 */
@Timeout(600)
class RedeliveryStormTest {
  private static final WorkspaceId WS = new WorkspaceId("storm");
  private static final Caller CALLER = Caller.trusted(WS);
  private static final int EVENTS = 1000;
  private static final int PEOPLE = 40;
  private static ElasticMq mq;
  private static AmazonDynamoDBLocal dynamo;

  @BeforeAll
  static void start() {
    mq = new ElasticMq();
  }

  @AfterAll
  static void stop() {
    mq.close();
    if (dynamo != null) {
      dynamo.shutdownNow();
    }
  }

  @Test
  void onTheMemoryStore() {
    storm(Touchline.builder().inFlightGrace(Duration.ofSeconds(2)).build(), 1);
  }

  @Test
  void onDynamoDbLocal() {
    System.setProperty("ddb.local.telemetry", "false");
    dynamo = DynamoDBEmbedded.create();
    DynamoDbStore store = new DynamoDbStore(dynamo.dynamoDbClient(), "storm-" + UUID.randomUUID());
    store.createTableIfMissing(false);
    storm(
        DynamoDbStorage.on(store, Clock.systemUTC())
            .configure(Touchline.builder())
            .inFlightGrace(Duration.ofSeconds(2))
            .build(),
        2);
  }

  private void storm(Touchline engine, long seed) {
    engine
        .workspaceConfig()
        .replace(
            CALLER,
            "{\"rules\":[{\"id\":\"p\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"score\":1}]}]}");
    ElasticMq.Queues q = mq.queues(Duration.ofSeconds(2), 50, false);
    SqsEventPublisher publisher =
        new SqsEventPublisher(mq.sqs, q.events(), 256 * 1024, Clock.systemUTC());
    Random random = new Random(seed);
    Map<String, Integer> purchases = new HashMap<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      String email = "p" + random.nextInt(PEOPLE) + "@storm.example";
      String event;
      if (i % 2 == 0) {
        purchases.merge(email, 1, Integer::sum);
        event =
            "{\"event\":\"purchase\",\"email\":\""
                + email
                + "\",\"messageId\":\"m-"
                + i
                + "\",\"properties\":{\"orderId\":\"o-"
                + i
                + "\"}}";
      } else {
        event = "{\"event\":\"page_viewed\",\"email\":\"" + email + "\"}"; // no messageId
      }
      String body = publisher.envelopes(WS, event).get(0).body();
      int copies = 1 + random.nextInt(3);
      for (int c = 0; c < copies; c++) {
        bodies.add(body);
      }
    }
    Collections.shuffle(bodies, random);
    for (String body : bodies) {
      mq.send(q.events(), body);
    }
    List<SqsConsumer> consumers = new ArrayList<>();
    try {
      for (int c = 0; c < 2; c++) {
        SqsConsumer consumer =
            new SqsConsumer(
                mq.sqs,
                engine,
                SqsConsumerSettings.builder(q.events(), WS)
                    .pollers(2)
                    .waitTime(Duration.ofSeconds(1))
                    .build());
        consumer.start();
        consumers.add(consumer);
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
      while (mq.depth(q.events()) > 0) {
        assertThat(System.nanoTime()).as("the queue drains").isLessThan(deadline);
        sleep(200);
      }
    } finally {
      consumers.forEach(SqsConsumer::close);
    }

    long done = consumers.stream().mapToLong(c -> c.stats().done()).sum();
    assertThat(done).as("every delivery ends deleted").isEqualTo(bodies.size());
    assertThat(mq.depth(q.deadLetters())).isZero();
    List<Event> stored = allEvents(engine);
    assertThat(stored).hasSize(EVENTS);
    Set<String> messageIds = new HashSet<>();
    stored.stream()
        .flatMap(e -> e.messageId().stream())
        .forEach(m -> assertThat(messageIds.add(m)).as(m).isTrue());
    assertThat(messageIds).as("every purchase once").hasSize(EVENTS / 2);
    int contacts = 0;
    for (int p = 0; p < PEOPLE; p++) {
      String email = "p" + p + "@storm.example";
      Optional<Contact> contact =
          engine.contacts().findByIdentifier(CALLER, IdentityType.EMAIL, email);
      if (contact.isPresent()) {
        contacts++;
        assertThat(contact.get().score())
            .as(email)
            .isEqualTo((long) purchases.getOrDefault(email, 0));
      }
    }
    assertThat(contacts).isEqualTo(stored.stream().map(Event::contactId).distinct().count());
    engine.close();
  }

  private static List<Event> allEvents(Touchline engine) {
    List<Event> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      PageRequest page =
          cursor.isEmpty() ? PageRequest.first(200) : PageRequest.first(200).after(cursor.get());
      Page<Event> p = engine.events().list(CALLER, Optional.empty(), Optional.empty(), page);
      all.addAll(p.items());
      cursor = p.nextCursor();
    } while (cursor.isPresent());
    return all;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
