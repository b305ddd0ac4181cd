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
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The events-queue consumer, started with the engine when {@code TOUCHLINE_SQS_QUEUE_URL} is set
 * (inside the server, or alone in {@link QueueConsumerMain}); stopped gracefully with it.
 */
@Context
@Requires(property = "touchline.sqs.queue-url", pattern = ".*\\S.*")
public final class QueueConsumerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumerRuntime.class);

  private final SqsClient client;
  private final SqsConsumer consumer;

  public QueueConsumerRuntime(
      Touchline engine,
      ServerSettings settings,
      @Value("${touchline.sqs.queue-url}") String queueUrl,
      @Value("${touchline.sqs.region:}") String region,
      @Value("${touchline.sqs.endpoint:}") String endpoint,
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
    SqsClientBuilder builder =
        SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    if (!region.isBlank()) {
      builder.region(Region.of(region.trim()));
    }
    if (!endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint.trim()));
    }
    try {
      this.client = builder.build();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "cannot create the SQS client (set TOUCHLINE_SQS_REGION or AWS_REGION, and credentials"
              + " the AWS SDK can find): "
              + e.getMessage(),
          e);
    }
    this.consumer = new SqsConsumer(client, engine, consumerSettings);
    try {
      consumer.start();
    } catch (RuntimeException e) {
      client.close();
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
    client.close();
  }
}
