package dev.touchline.adapter.http;

import dev.touchline.adapter.http.store.StoreRuntime;
import dev.touchline.adapter.mcp.StatelessHttpEndpoint;
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
  TriggerSink triggerSink(QueueSettings queue, SqsClients clients) {
    return queue
        .triggerQueueUrl()
        .<TriggerSink>map(url -> new SqsTriggerSink(clients.client(), url))
        .orElseGet(LoggingTriggerSink::new);
  }

  @Singleton
  @Bean(preDestroy = "close")
  StoreRuntime store(ServerSettings settings) {
    return switch (settings.store()) {
      case MEMORY -> StoreRuntime.memory();
      case EMBEDDED -> StoreRuntime.embedded(settings.dataDir(), settings.dynamoDbTable());
      case DYNAMODB ->
          StoreRuntime.dynamoDb(
              settings.dynamoDbTable(),
              settings.dynamoDbRegion(),
              settings.dynamoDbEndpoint(),
              settings.dynamoDbCreateTable());
    };
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
      @Value("${touchline.in-flight-grace:30s}") Duration inFlightGrace,
      QueueSettings queue,
      SqsClients sqs) {
    Touchline.Builder builder;
    try {
      builder = Touchline.builder().batchConcurrency(batchConcurrency);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.batch-concurrency (TOUCHLINE_BATCH_CONCURRENCY): " + e.getMessage(), e);
    }
    try {
      builder.inFlightGrace(inFlightGrace);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "touchline.in-flight-grace (TOUCHLINE_IN_FLIGHT_GRACE): " + e.getMessage(), e);
    }
    queue
        .queueUrl()
        .ifPresent(
            url ->
                builder.eventQueue(
                    new SqsEventQueue(
                        new SqsEventPublisher(sqs.client(), url, queue.maxMessageBytes(), clock))));
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
   * the events and answers 202.
   */
  @Singleton
  TouchlineApi api(Touchline engine, QueueSettings queue) {
    return new TouchlineApi(engine, queue.asynchronous());
  }

  /** The MCP endpoint's tools, run through the engine's own API (see {@code McpController}). */
  @Singleton
  @Bean(preDestroy = "stop")
  @Requires(property = "touchline.mcp.enabled", notEquals = "false")
  StatelessHttpEndpoint mcp(TouchlineApi api) {
    String version = EngineFactory.class.getPackage().getImplementationVersion();
    return new StatelessHttpEndpoint(api::handle, version == null ? "dev" : version);
  }
}
