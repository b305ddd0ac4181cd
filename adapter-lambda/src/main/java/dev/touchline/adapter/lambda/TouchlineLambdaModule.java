package dev.touchline.adapter.lambda;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.EnvelopeProcessor;
import dev.touchline.adapter.sqs.MessageBatch;
import dev.touchline.adapter.sqs.SqsConsumerSettings;
import dev.touchline.adapter.sqs.SqsEventPublisher;
import dev.touchline.adapter.sqs.SqsEventQueue;
import dev.touchline.adapter.sqs.SqsTriggerSink;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.wire.TouchlineApi;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The functions' wiring: the engine on DynamoDB, its API, and the SQS batch worker. The SDK clients
 * use the url-connection HTTP client, the region and credentials of the Lambda environment (no
 * lookups), and are built once per execution environment.
 */
public final class TouchlineLambdaModule extends AbstractModule {
  private static final Logger TRIGGERS = Logger.getLogger("dev.touchline.triggers");
  private static final Logger LOG = Logger.getLogger(TouchlineLambdaModule.class.getName());

  private final LambdaSettings settings;
  private final Supplier<DynamoDbClient> dynamoDb;
  private long clientNanos;
  private long engineNanos;
  private long bootstrapNanos;

  /** The wiring, building the DynamoDB client when the injector asks for it. */
  public TouchlineLambdaModule(LambdaSettings settings) {
    this(settings, () -> dynamoDbClient(settings));
  }

  /**
   * The wiring with a DynamoDB client made elsewhere: at init, {@link Handlers} builds it on a
   * second thread while the injector is created.
   */
  TouchlineLambdaModule(LambdaSettings settings, Supplier<DynamoDbClient> dynamoDb) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
  }

  @Override
  protected void configure() {
    bind(LambdaSettings.class).toInstance(settings);
  }

  /**
   * The functions' DynamoDB client: the url-connection HTTP client, the region and credentials of
   * the Lambda environment.
   */
  static DynamoDbClient dynamoDbClient(LambdaSettings settings) {
    DynamoDbClientBuilder b =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(DynamoDbStore.clientOverrides())
            .region(Region.of(settings.region()))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
    settings.dynamoDbEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  @Provides
  @Singleton
  DynamoDbClient dynamoDb() {
    long start = System.nanoTime();
    try {
      return dynamoDb.get();
    } finally {
      clientNanos = System.nanoTime() - start;
    }
  }

  /**
   * Where the injector's creation went, in milliseconds: the DynamoDB client (built, or waited for
   * when built on another thread), the engine, the bootstrap key's check; the rest of the
   * injector's time is Guice's own.
   */
  String timings() {
    return "DynamoDB client "
        + clientNanos / 1_000_000
        + " ms, engine "
        + engineNanos / 1_000_000
        + " ms, bootstrap key "
        + bootstrapNanos / 1_000_000
        + " ms";
  }

  /** The SQS client, built only when a queue is set (at the first use). */
  @Provides
  @Singleton
  Optional<SqsClient> sqs() {
    if (settings.queueUrl().isEmpty() && settings.triggerQueueUrl().isEmpty()) {
      return Optional.empty();
    }
    SqsClientBuilder b =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(DynamoDbStore.clientOverrides())
            .region(Region.of(settings.region()))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
    settings.sqsEndpoint().ifPresent(b::endpointOverride);
    return Optional.of(b.build());
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The workflow queue when one is set, else the log. */
  @Provides
  @Singleton
  TriggerSink triggerSink(Optional<SqsClient> sqs) {
    return settings
        .triggerQueueUrl()
        .<TriggerSink>map(url -> new SqsTriggerSink(sqs.orElseThrow(), url))
        .orElse(TouchlineLambdaModule::log);
  }

  /** The engine; the bootstrap key, when set, is registered by the first start that lacks it. */
  @Provides
  @Singleton
  Touchline engine(
      DynamoDbClient dynamoDb, Optional<SqsClient> sqs, Clock clock, TriggerSink triggers) {
    long start = System.nanoTime();
    DynamoDbStore store = new DynamoDbStore(dynamoDb, settings.table());
    Touchline.Builder builder =
        DynamoDbStorage.on(store, clock)
            .configure(Touchline.builder())
            .clock(clock)
            .batchConcurrency(settings.batchConcurrency())
            .configRefresh(settings.configRefresh())
            .triggerSink(triggers);
    settings
        .queueUrl()
        .ifPresent(
            url ->
                builder.eventQueue(
                    new SqsEventQueue(
                        new SqsEventPublisher(
                            sqs.orElseThrow(),
                            url,
                            SqsConsumerSettings.MAX_MESSAGE_BYTES,
                            clock))));
    Touchline engine = builder.build();
    long built = System.nanoTime();
    settings.bootstrapKey().ifPresent(secret -> bootstrap(engine, secret));
    bootstrapNanos = System.nanoTime() - built;
    engineNanos = built - start;
    return engine;
  }

  @Provides
  @Singleton
  TouchlineApi api(Touchline engine) {
    return new TouchlineApi(engine, settings.asynchronous());
  }

  @Provides
  @Singleton
  SqsEvents sqsEvents(Touchline engine) {
    ExecutorService workers =
        Executors.newFixedThreadPool(
            10,
            r -> {
              Thread t = new Thread(r, "touchline-sqs-work");
              t.setDaemon(true);
              return t;
            });
    return new SqsEvents(
        new MessageBatch(
            new EnvelopeProcessor(
                engine,
                settings.workspaces(),
                settings.logWorkspace(),
                SqsConsumerSettings.MAX_MESSAGE_BYTES),
            workers));
  }

  private void bootstrap(Touchline engine, String secret) {
    String id = ApiKeySecrets.publicId(secret);
    switch (engine
        .apiKeys()
        .ensureRegistered(
            settings.workspace(),
            secret,
            EnumSet.allOf(Scope.class),
            settings.bootstrapRateLimit())) {
      case REGISTERED -> {
        // The first start with this key: record the workspace too (later starts skip the read).
        engine.workspaces().ensureRecorded(settings.workspace());
        LOG.info("workspace " + settings.workspace() + ": bootstrap key " + id + " registered");
      }
      case REVOKED ->
          LOG.warning("TOUCHLINE_BOOTSTRAP_KEY (" + id + ") was revoked; it stays revoked");
      case ALREADY_REGISTERED -> {}
    }
  }

  private static void log(Trigger t) {
    TRIGGERS.info(
        "trigger " + t.id() + " workflow=" + t.workflow() + " contact=" + t.contactId().value());
  }
}
