package dev.touchline.http;

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

  /** Where fired triggers go; until a workflow runner is wired in, they are logged. */
  @Singleton
  @Requires(missingBeans = TriggerSink.class)
  TriggerSink triggerSink() {
    return new LoggingTriggerSink();
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
