package dev.touchline.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.testkit.scenario.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Fired triggers published to a workflow queue on ElasticMQ. */
@Timeout(120)
class SqsTriggerSinkTest {
  private static final WorkspaceId WS = new WorkspaceId("wf");
  private static final Caller CALLER = Caller.trusted(WS);
  private static final String THREE_TRIGGERS =
      "{\"rules\":["
          + "{\"id\":\"a\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"welcome\"}]},"
          + "{\"id\":\"b\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"onboarding\"}]},"
          + "{\"id\":\"c\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"sales-alert\"}]}]}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ElasticMq mq;

  @BeforeAll
  static void start() {
    mq = new ElasticMq();
  }

  @AfterAll
  static void stop() {
    mq.close();
  }

  private static Touchline engine(String queueUrl, TestClock clock) {
    Touchline t =
        Touchline.builder()
            .clock(clock)
            .triggerSink(new SqsTriggerSink(mq.sqs, queueUrl))
            .inFlightGrace(Duration.ofSeconds(30))
            .build();
    t.workspaceConfig().replace(CALLER, THREE_TRIGGERS);
    return t;
  }

  private static IngestOutcome signup(Touchline t, String email) {
    return t.ingest()
        .ingest(
            CALLER,
            IngestCommand.of(EventInput.of("signup", "email", email).withMessageId("m-" + email)))
        .outcomes()
        .get(0);
  }

  private static List<Message> receiveAll(String queueUrl) {
    List<Message> all = new ArrayList<>();
    List<Message> batch;
    do {
      batch =
          mq.sqs
              .receiveMessage(
                  b ->
                      b.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNames(
                              software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                                  .MESSAGE_GROUP_ID))
              .messages();
      for (Message m : batch) {
        all.add(m);
        mq.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    } while (!batch.isEmpty());
    return all;
  }

  @Test
  void eachFiredTriggerIsOneMessage_withItsDocumentAndAttributes() throws Exception {
    String queue = mq.sqs.createQueue(b -> b.queueName("workflow-std")).queueUrl();
    Touchline t = engine(queue, new TestClock(Instant.parse("2026-03-01T12:00:00Z")));

    assertThat(signup(t, "ann@example.com")).isInstanceOf(IngestOutcome.Accepted.class);

    List<Message> messages = receiveAll(queue);
    assertThat(messages).hasSize(3);
    List<String> workflows = new ArrayList<>();
    for (Message m : messages) {
      JsonNode doc = JSON.readTree(m.body());
      workflows.add(doc.get("workflow").asText());
      assertThat(doc.get("triggerId").asText()).startsWith("trg_");
      assertThat(m.messageAttributes().get("triggerId").stringValue())
          .isEqualTo(doc.get("triggerId").asText());
      assertThat(m.messageAttributes().get("workflow").stringValue())
          .isEqualTo(doc.get("workflow").asText());
      assertThat(t.triggers().findById(WS, doc.get("triggerId").asText()).orElseThrow().delivered())
          .isTrue();
    }
    assertThat(workflows).containsExactlyInAnyOrder("welcome", "onboarding", "sales-alert");
    t.close();
  }

  @Test
  void onAFifoQueue_aContactsTriggersShareItsGroup_inTheOrderFired() throws Exception {
    String queue =
        mq.sqs
            .createQueue(
                b ->
                    b.queueName("workflow.fifo")
                        .attributes(java.util.Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    Touchline t = engine(queue, new TestClock(Instant.parse("2026-03-01T12:00:00Z")));

    signup(t, "bob@example.com");

    List<Message> messages = receiveAll(queue);
    assertThat(messages).hasSize(3);
    String contact = JSON.readTree(messages.get(0).body()).get("contactId").asText();
    List<String> workflows = new ArrayList<>();
    for (Message m : messages) {
      assertThat(
              m.attributes()
                  .get(
                      software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                          .MESSAGE_GROUP_ID))
          .isEqualTo(contact);
      workflows.add(JSON.readTree(m.body()).get("workflow").asText());
    }
    assertThat(workflows).containsExactly("welcome", "onboarding", "sales-alert");
    t.close();
  }

  @Test
  void aPublishThatFails_isRetriedFromTheRecordedTriggers_byTheEventsResend_recordedOnce() {
    String url = mq.sqs.createQueue(b -> b.queueName("workflow-probe")).queueUrl();
    String late = url.replace("workflow-probe", "workflow-late"); // not created yet
    TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    Touchline t = engine(late, clock);

    assertThat(signup(t, "cy@example.com"))
        .as("the queue is missing: the event is reported failed")
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class,
            r -> assertThat(r.message()).contains("with the same messageId"));

    mq.sqs.createQueue(b -> b.queueName("workflow-late"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(signup(t, "cy@example.com")).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(signup(t, "cy@example.com")).isInstanceOf(IngestOutcome.Duplicate.class);

    List<Message> messages = receiveAll(late);
    assertThat(messages)
        .extracting(m -> m.messageAttributes().get("workflow").stringValue())
        .containsExactlyInAnyOrder("welcome", "onboarding", "sales-alert");
    t.close();
  }
}
