package dev.touchline.adapter.http;

import dev.touchline.adapter.sqs.SqsConsumer;
import dev.touchline.core.Touchline;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The events-queue consumer, started with the engine when {@code TOUCHLINE_SQS_QUEUE_URL} is set
 * (inside the server, or alone in {@link QueueConsumerMain}); stopped gracefully with it.
 */
@Context
@Requires(property = "touchline.sqs.queue-url", pattern = ".*\\S.*")
public final class QueueConsumerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumerRuntime.class);

  private final SqsConsumer consumer;

  public QueueConsumerRuntime(
      Touchline engine, ServerSettings settings, SqsClients clients, QueueSettings queue) {
    String queueUrl = queue.queueUrl().orElseThrow();
    SqsClient client = clients.client();
    this.consumer = new SqsConsumer(client, engine, queue.consumer(queueUrl, settings.workspace()));
    try {
      consumer.start();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "cannot read the events queue " + queueUrl + ": " + e.getMessage(), e);
    }
  }

  public SqsConsumer consumer() {
    return consumer;
  }

  @PreDestroy
  void close() {
    LOG.info("stopping the events-queue consumer");
    consumer.close();
  }
}
