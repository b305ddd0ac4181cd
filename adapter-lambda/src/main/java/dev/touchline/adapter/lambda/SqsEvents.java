package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.touchline.adapter.sqs.EnvelopeProcessor;
import dev.touchline.adapter.sqs.MessageBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An SQS event (the events queue triggering a function with {@code ReportBatchItemFailures}) worked
 * as the queue consumer works a receive: the envelopes ingested at once (a FIFO group in order),
 * poison recorded in the incoming log and reported done, and exactly the messages to be delivered
 * again (a retryable failure, or events still in flight elsewhere) reported in {@code
 * batchItemFailures}. Lambda deletes the others; the reported ones return to the queue and, after
 * its receive count, go to its dead-letter queue.
 */
public final class SqsEvents {
  private final MessageBatch batch;

  public SqsEvents(MessageBatch batch) {
    this.batch = Objects.requireNonNull(batch, "batch");
  }

  public SQSBatchResponse handle(SQSEvent event) {
    List<SQSEvent.SQSMessage> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    List<MessageBatch.Item> items = new ArrayList<>(records.size());
    for (SQSEvent.SQSMessage m : records) {
      String group = m.getAttributes() == null ? null : m.getAttributes().get("MessageGroupId");
      items.add(
          new MessageBatch.Item(m.getMessageId(), m.getBody() == null ? "" : m.getBody(), group));
    }
    List<EnvelopeProcessor.Result> results = batch.work(items);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      EnvelopeProcessor.Result r = results.get(i);
      if (r == EnvelopeProcessor.Result.RETRY || r == EnvelopeProcessor.Result.WAIT) {
        failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
