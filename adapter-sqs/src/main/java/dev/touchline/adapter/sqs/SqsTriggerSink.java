package dev.touchline.adapter.sqs;

import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.wire.Documents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Publishes fired triggers to the workflow queue a workflow runner reads: one message per trigger
 * (its document: {@code triggerId, workflow, workspace, contactId, eventId, ruleId, firedAt,
 * cause}), ten per {@code SendMessageBatch}, with the {@code triggerId} and {@code workflow} as
 * message attributes. On a FIFO queue the message group is the contact (its triggers stay in order)
 * and the deduplication id the trigger id. A publish that still fails after {@value #ATTEMPTS}
 * attempts throws: the engine leaves the trigger recorded but not delivered, the event's resend
 * delivers it again, so a trigger is recorded once and delivered at least once (a runner
 * de-duplicates on {@code triggerId}).
 */
public final class SqsTriggerSink implements TriggerSink {
  static final int ATTEMPTS = 3;
  private static final int SEND_MAX = 10;

  private final SqsClient sqs;
  private final String queueUrl;
  private final boolean fifo;

  public SqsTriggerSink(SqsClient sqs, String queueUrl) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.fifo = queueUrl.endsWith(".fifo");
  }

  @Override
  public void deliver(Trigger trigger) {
    deliverAll(List.of(trigger));
  }

  @Override
  public void deliverAll(List<Trigger> triggers) {
    for (int from = 0; from < triggers.size(); from += SEND_MAX) {
      send(triggers.subList(from, Math.min(triggers.size(), from + SEND_MAX)));
    }
  }

  private void send(List<Trigger> triggers) {
    Map<String, SendMessageBatchRequestEntry> left = new LinkedHashMap<>();
    for (int i = 0; i < triggers.size(); i++) {
      left.put(Integer.toString(i), entry(Integer.toString(i), triggers.get(i)));
    }
    String lastError = "";
    for (int attempt = 0; attempt < ATTEMPTS && !left.isEmpty(); attempt++) {
      SendMessageBatchResponse response;
      try {
        response =
            sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(new ArrayList<>(left.values())));
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        continue;
      }
      response.successful().forEach(s -> left.remove(s.id()));
      for (BatchResultErrorEntry failed : response.failed()) {
        lastError = failed.code() + ": " + failed.message();
      }
    }
    if (!left.isEmpty()) {
      throw new StorageException(
          "could not publish "
              + left.size()
              + " triggers to the workflow queue after "
              + ATTEMPTS
              + " attempts: "
              + lastError);
    }
  }

  private SendMessageBatchRequestEntry entry(String id, Trigger trigger) {
    SendMessageBatchRequestEntry.Builder e =
        SendMessageBatchRequestEntry.builder()
            .id(id)
            .messageBody(Documents.trigger(trigger).toString())
            .messageAttributes(
                Map.of(
                    "triggerId", text(trigger.id()),
                    "workflow", text(trigger.workflow())));
    if (fifo) {
      e.messageGroupId(trigger.contactId().value())
          .messageDeduplicationId(trigger.id()); // trg_ and 32 hex digits
    }
    return e.build();
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
