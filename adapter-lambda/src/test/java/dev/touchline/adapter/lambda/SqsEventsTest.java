package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.touchline.adapter.sqs.Envelope;
import dev.touchline.adapter.sqs.EnvelopeProcessor;
import dev.touchline.adapter.sqs.MessageBatch;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.testkit.faults.FaultyEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQS event of a function with ReportBatchItemFailures: exactly the failed messages reported,
 * and their redelivery applies nothing twice.
 */
class SqsEventsTest {
  private static final WorkspaceId WS = new WorkspaceId("default");
  private static final Caller CALLER = Caller.trusted(WS);

  private final FaultyEvents events = new FaultyEvents();
  private final Touchline engine = Touchline.builder().events(events).build();
  private final ExecutorService workers = Executors.newFixedThreadPool(10);
  private final SqsEvents handler =
      new SqsEvents(
          new MessageBatch(new EnvelopeProcessor(engine, Set.of(WS), WS, 1024 * 1024), workers));

  @AfterEach
  void stop() {
    workers.shutdownNow();
    engine.close();
  }

  private Contact contact(int n) {
    return engine
        .contacts()
        .findByIdentifier(CALLER, IdentityType.EMAIL, "p" + n + "@example.com")
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 10})
  void exactlyTheFailedMessagesAreReported_andTheirRedeliveryAppliesNothingTwice(int failing) {
    engine
        .workspaceConfig()
        .replace(
            CALLER,
            "{\"rules\":[{\"id\":\"s\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"score\":1}]}]}");
    List<String> failingContacts = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      engine
          .ingest()
          .ingest(
              CALLER, IngestCommand.of(EventInput.of("signup", "email", "p" + n + "@example.com")));
      if (n < failing) {
        failingContacts.add(contact(n).id().value());
      }
    }
    events.failWhen(e -> failingContacts.contains(e.contactId().value()));
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("msg-" + n);
      m.setBody(
          new Envelope(
                  WS,
                  "env-" + n,
                  Instant.parse("2026-03-01T12:00:00Z"),
                  "{\"event\":\"purchase\",\"email\":\"p" + n + "@example.com\"}")
              .write());
      records.add(m);
    }
    event.setRecords(records);

    SQSBatchResponse first = handler.handle(event);

    List<String> expected = new ArrayList<>();
    for (int n = 0; n < failing; n++) {
      expected.add("msg-" + n);
    }
    assertThat(first.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (int n = 0; n < 10; n++) {
      assertThat(contact(n).score())
          .as("p%d after the first delivery", n)
          .isEqualTo(n < failing ? 0L : 1L);
    }

    events.failWhen(e -> false); // the store is back
    SQSBatchResponse redelivered = handler.handle(event); // SQS redelivers the whole batch here

    assertThat(redelivered.getBatchItemFailures()).isEmpty();
    for (int n = 0; n < 10; n++) {
      assertThat(contact(n).score()).as("p%d after the redelivery", n).isEqualTo(1L);
    }
  }
}
