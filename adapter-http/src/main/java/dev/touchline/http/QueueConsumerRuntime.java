package dev.touchline.http;

import dev.touchline.adapter.sqs.SqsConsumer;
import dev.touchline.adapter.sqs.SqsConsumerSettings;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Arrays;
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
      Touchline engine,
      ServerSettings settings,
      SqsClients clients,
      @Value("${touchline.sqs.queue-url}") String queueUrl,
      @Value("${touchline.sqs.workspaces:}") String workspaces,
      @Value("${touchline.sqs.pollers:2}") int pollers,
      @Value("${touchline.sqs.wait-time:20s}") Duration waitTime,
      @Value("${touchline.sqs.visibility-timeout:}") String visibility,
      @Value("${touchline.sqs.max-message-bytes:1048576}") int maxMessageBytes,
      @Value("${touchline.sqs.shutdown-grace:30s}") Duration shutdownGrace) {
    SqsConsumerSettings consumerSettings;
    try {
      SqsConsumerSettings.Builder b =
          SqsConsumerSettings.builder(queueUrl.trim(), settings.workspace())
              .pollers(pollers)
              .waitTime(waitTime)
              .maxMessageBytes(maxMessageBytes)
              .shutdownGrace(shutdownGrace);
      Arrays.stream(workspaces.split(","))
          .map(String::trim)
          .filter(w -> !w.isEmpty())
          .forEach(w -> b.alsoServe(new WorkspaceId(w)));
      if (!visibility.isBlank()) {
        b.visibilityTimeout(
            Duration.parse("PT" + visibility.trim().toUpperCase(java.util.Locale.ROOT)));
      }
      consumerSettings = b.build();
    } catch (RuntimeException e) {
      throw new ConfigurationException("touchline.sqs (TOUCHLINE_SQS_*): " + e.getMessage(), e);
    }
    SqsClient client = clients.client();
    this.consumer = new SqsConsumer(client, engine, consumerSettings);
    try {
      consumer.start();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "cannot read the events queue " + queueUrl.trim() + ": " + e.getMessage(), e);
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
