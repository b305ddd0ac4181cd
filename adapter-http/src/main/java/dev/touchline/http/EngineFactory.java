package dev.touchline.http;

import dev.touchline.adapter.sqs.SqsEventPublisher;
import dev.touchline.adapter.sqs.SqsEventQueue;
import dev.touchline.adapter.sqs.SqsTriggerSink;
import dev.touchline.core.Touchline;
import dev.touchline.core.port.out.IngestObserver;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the engine the server serves, on the configured store. */
@Factory
public class EngineFactory {

  /** The engine's clock; tests supply their own. */
  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Where fired triggers go: the workflow queue when {@code TOUCHLINE_SQS_TRIGGER_QUEUE_URL} is
   * set, else the log.
   */
  @Singleton
  @Requires(missingBeans = TriggerSink.class)
  TriggerSink triggerSink(
      @Value("${touchline.sqs.trigger-queue-url:}") String triggerQueueUrl, SqsClients clients) {
    return triggerQueueUrl.isBlank()
        ? new LoggingTriggerSink()
        : new SqsTriggerSink(clients.client(), triggerQueueUrl.trim());
  }

  @Singleton
  @Bean(preDestroy = "close")
  StoreRuntime store(ServerSettings settings) {
    return StoreRuntime.open(settings);
  }

  @Singleton
  @Bean(preDestroy = "close")
  Touchline touchline(
      ServerSettings settings,
      StoreRuntime store,
      Clock clock,
      TriggerSink sink,
      IngestObserver observer,
      @Value("${touchline.config-refresh:5s}") Duration configRefresh,
      @Value("${touchline.batch-concurrency:16}") int batchConcurrency,
      @Value("${touchline.sqs.queue-url:}") String queueUrl,
      @Value("${touchline.sqs.max-message-bytes:1048576}") int maxMessageBytes,
      @Value("${touchline.ingest-mode:sync}") String mode,
      SqsClients sqs) {
    asynchronous(mode, queueUrl); // a bad mode stops the start, not the first request
    Touchline.Builder builder;
    try {
      builder = Touchline.builder().batchConcurrency(batchConcurrency);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.batch-concurrency (TOUCHLINE_BATCH_CONCURRENCY): " + e.getMessage(), e);
    }
    if (!queueUrl.isBlank()) {
      try {
        builder.eventQueue(
            new SqsEventQueue(
                new SqsEventPublisher(sqs.client(), queueUrl.trim(), maxMessageBytes, clock)));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("touchline.sqs (TOUCHLINE_SQS_*): " + e.getMessage(), e);
      }
    }
    return store
        .configure(builder, clock)
        .clock(clock)
        .limits(settings.limits())
        .triggerSink(sink)
        .ingestObserver(observer)
        .configRefresh(configRefresh)
        .build();
  }

  /**
   * The API; with {@code TOUCHLINE_INGEST_MODE=async}, {@code POST /v1/events} records and queues
   * the events and answers 202 (the events queue must be set).
   */
  @Singleton
  TouchlineApi api(
      Touchline engine,
      @Value("${touchline.ingest-mode:sync}") String mode,
      @Value("${touchline.sqs.queue-url:}") String queueUrl) {
    return new TouchlineApi(engine, asynchronous(mode, queueUrl));
  }

  /** Whether {@code POST /v1/events} is asynchronous; a bad mode stops the start. */
  static boolean asynchronous(String mode, String queueUrl) {
    boolean asynchronous =
        switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "sync" -> false;
          case "async" -> true;
          default ->
              throw new ConfigurationException(
                  "touchline.ingest-mode (TOUCHLINE_INGEST_MODE) must be sync or async, not '"
                      + mode
                      + "'");
        };
    if (asynchronous && queueUrl.isBlank()) {
      throw new ConfigurationException(
          "TOUCHLINE_INGEST_MODE=async needs the events queue: set TOUCHLINE_SQS_QUEUE_URL");
    }
    return asynchronous;
  }
}
