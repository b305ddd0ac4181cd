package dev.touchline.adapter.http;

import dev.touchline.adapter.sqs.SqsConsumerSettings;
import dev.touchline.core.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The queue settings ({@code TOUCHLINE_SQS_*}, {@code TOUCHLINE_INGEST_MODE}), read and checked
 * once: a bad value stops the start with a message naming it.
 */
@Singleton
public final class QueueSettings {
  private final Optional<String> queueUrl;
  private final Optional<String> triggerQueueUrl;
  private final boolean asynchronous;
  private final int maxMessageBytes;
  private final String workspaces;
  private final int pollers;
  private final Duration waitTime;
  private final Optional<Duration> visibility;
  private final Duration shutdownGrace;

  public QueueSettings(
      @Value("${touchline.sqs.queue-url:}") String queueUrl,
      @Value("${touchline.sqs.trigger-queue-url:}") String triggerQueueUrl,
      @Value("${touchline.ingest-mode:sync}") String mode,
      @Value("${touchline.sqs.max-message-bytes:1048576}") int maxMessageBytes,
      @Value("${touchline.sqs.workspaces:}") String workspaces,
      @Value("${touchline.sqs.pollers:2}") int pollers,
      @Value("${touchline.sqs.wait-time:20s}") Duration waitTime,
      @Value("${touchline.sqs.visibility-timeout:}") String visibility,
      @Value("${touchline.sqs.shutdown-grace:30s}") Duration shutdownGrace) {
    this.queueUrl = ServerSettings.blankToEmpty(queueUrl);
    this.triggerQueueUrl = ServerSettings.blankToEmpty(triggerQueueUrl);
    this.asynchronous =
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
          case "sync" -> false;
          case "async" -> true;
          default ->
              throw new ConfigurationException(
                  "touchline.ingest-mode (TOUCHLINE_INGEST_MODE) must be sync or async, not '"
                      + mode
                      + "'");
        };
    if (asynchronous && this.queueUrl.isEmpty()) {
      throw new ConfigurationException(
          "TOUCHLINE_INGEST_MODE=async needs the events queue: set TOUCHLINE_SQS_QUEUE_URL");
    }
    this.maxMessageBytes = maxMessageBytes;
    this.workspaces = workspaces;
    this.pollers = pollers;
    this.waitTime = waitTime;
    try {
      this.visibility =
          ServerSettings.blankToEmpty(visibility)
              .map(v -> Duration.parse("PT" + v.toUpperCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      throw invalid(e);
    }
    this.shutdownGrace = shutdownGrace;
    this.queueUrl.ifPresent(url -> consumer(url, new WorkspaceId("check"))); // checked at start
  }

  /** The events queue, when one is set. */
  public Optional<String> queueUrl() {
    return queueUrl;
  }

  /** The workflow queue fired triggers are published to, when one is set. */
  public Optional<String> triggerQueueUrl() {
    return triggerQueueUrl;
  }

  /** Whether {@code POST /v1/events} records and queues instead of ingesting. */
  public boolean asynchronous() {
    return asynchronous;
  }

  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** The consumer's settings for the events queue, serving {@code workspace} and the others set. */
  public SqsConsumerSettings consumer(String queueUrl, WorkspaceId workspace) {
    try {
      SqsConsumerSettings.Builder b =
          SqsConsumerSettings.builder(queueUrl, workspace)
              .pollers(pollers)
              .waitTime(waitTime)
              .maxMessageBytes(maxMessageBytes)
              .shutdownGrace(shutdownGrace);
      for (String w : workspaces.split(",")) {
        if (!w.isBlank()) {
          b.alsoServe(new WorkspaceId(w.strip()));
        }
      }
      visibility.ifPresent(b::visibilityTimeout);
      return b.build();
    } catch (RuntimeException e) {
      throw invalid(e);
    }
  }

  private static ConfigurationException invalid(RuntimeException e) {
    return new ConfigurationException("touchline.sqs (TOUCHLINE_SQS_*): " + e.getMessage(), e);
  }
}
