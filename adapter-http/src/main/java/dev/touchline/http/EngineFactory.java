package dev.touchline.http;

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
      @Value("${touchline.batch-concurrency:16}") int batchConcurrency) {
    Touchline.Builder builder;
    try {
      builder = Touchline.builder().batchConcurrency(batchConcurrency);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.batch-concurrency (TOUCHLINE_BATCH_CONCURRENCY): " + e.getMessage(), e);
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

  @Singleton
  TouchlineApi api(Touchline engine) {
    return new TouchlineApi(engine);
  }
}
