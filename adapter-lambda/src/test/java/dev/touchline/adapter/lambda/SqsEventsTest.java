package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.Envelope;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The SQS function (with ReportBatchItemFailures) through the Guice wiring on DynamoDB Local, the
 * table refusing the event writes of chosen messages as a throttled table does: exactly the failed
 * messages are reported, and redelivering the whole batch applies nothing twice.
 */
@Timeout(120)
class SqsEventsTest {
  private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
  private static AmazonDynamoDBLocal local;
  private static Injector injector;

  @BeforeAll
  static void start() {
    System.setProperty("ddb.local.telemetry", "false");
    local = DynamoDBEmbedded.create();
    DynamoDbClient client = local.dynamoDbClient();
    new DynamoDbStore(client, "sqs").createTableIfMissing(false);
    DynamoDbClient faulty = InterceptedDynamoDb.wrap(client, SqsEventsTest::refuseChosenEvents);
    LambdaSettings settings =
        LambdaSettings.from(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "TOUCHLINE_DYNAMODB_TABLE", "sqs",
                "TOUCHLINE_SQS_WORKSPACES", "mix-0,mix-1,mix-5,mix-10",
                "TOUCHLINE_CONFIG_REFRESH", "0"));
    injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            Modules.override(new TouchlineLambdaModule(settings))
                .with(b -> b.bind(DynamoDbClient.class).toInstance(faulty)));
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  /** The put of an event on one of the failing contacts' timelines is throttled. */
  private static void refuseChosenEvents(SdkRequest request) {
    if (request instanceof PutItemRequest put
        && put.item().containsKey("SK")
        && put.item().get("SK").s().startsWith("EV#")
        && FAILING.contains(put.item().get("PK").s())) {
      throw ProvisionedThroughputExceededException.builder()
          .message("Rate of requests exceeds the allowed throughput (injected)")
          .statusCode(400)
          .build();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 10})
  void exactlyTheFailedMessagesAreReported_andTheirRedeliveryAppliesNothingTwice(int failing) {
    WorkspaceId ws = new WorkspaceId("mix-" + failing);
    Caller caller = Caller.trusted(ws);
    Touchline engine = injector.getInstance(Touchline.class);
    SqsHandler handler = new SqsHandler(injector);
    engine
        .workspaceConfig()
        .replace(
            caller,
            "{\"rules\":[{\"id\":\"s\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"score\":1}]}]}");
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      String email = "p" + n + "@example.com";
      engine.ingest().ingest(caller, IngestCommand.of(EventInput.of("signup", "email", email)));
      if (n < failing) {
        FAILING.add("WS#" + ws.value() + "#C#" + contact(engine, caller, n).id().value());
        expected.add("msg-" + n);
      }
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("msg-" + n);
      m.setBody(
          new Envelope(
                  ws,
                  "env-" + n,
                  Instant.parse("2026-03-01T12:00:00Z"),
                  "{\"event\":\"purchase\",\"email\":\"" + email + "\"}")
              .write());
      records.add(m);
    }
    event.setRecords(records);

    SQSBatchResponse first = handler.handleRequest(event, null);

    assertThat(first.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (int n = 0; n < 10; n++) {
      assertThat(contact(engine, caller, n).score())
          .as("p%d after the first delivery", n)
          .isEqualTo(n < failing ? 0L : 1L);
    }

    FAILING.clear(); // the table is back
    SQSBatchResponse redelivered = handler.handleRequest(event, null); // the whole batch again

    assertThat(redelivered.getBatchItemFailures()).isEmpty();
    for (int n = 0; n < 10; n++) {
      Contact c = contact(engine, caller, n);
      assertThat(c.score()).as("p%d after the redelivery", n).isEqualTo(1L);
      assertThat(
              engine
                  .events()
                  .list(
                      caller,
                      Optional.of(c.id()),
                      Optional.empty(),
                      new PageRequest(50, Optional.empty()))
                  .items())
          .as("p%d: signup and one purchase", n)
          .hasSize(2);
    }
  }

  private static Contact contact(Touchline engine, Caller caller, int n) {
    return engine
        .contacts()
        .findByIdentifier(caller, IdentityType.EMAIL, "p" + n + "@example.com")
        .orElseThrow();
  }
}
