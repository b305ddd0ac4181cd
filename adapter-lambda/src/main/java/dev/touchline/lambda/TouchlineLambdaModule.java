package dev.touchline.lambda;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.EnvelopeProcessor;
import dev.touchline.adapter.sqs.MessageBatch;
import dev.touchline.adapter.sqs.SqsConsumerSettings;
import dev.touchline.adapter.sqs.SqsTriggerSink;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.wire.TouchlineApi;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The functions' wiring: the engine on DynamoDB, its API, and the SQS batch worker. The SDK clients
 * use the url-connection HTTP client, the region and credentials of the Lambda environment (no
 * lookups), and are built once per execution environment.
 */
public final class TouchlineLambdaModule extends AbstractModule {
  private static final Logger TRIGGERS = Logger.getLogger("dev.touchline.triggers");

  private final LambdaSettings settings;

  public TouchlineLambdaModule(LambdaSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(LambdaSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  DynamoDbClient dynamoDb() {
    DynamoDbClientBuilder b =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.region()))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
    settings.dynamoDbEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  @Provides
  @Singleton
  Touchline engine(DynamoDbClient dynamoDb) {
    DynamoDbStore store = new DynamoDbStore(dynamoDb, settings.table());
    TriggerSink sink =
        settings
            .triggerQueueUrl()
            .<TriggerSink>map(url -> new SqsTriggerSink(sqs(), url))
            .orElse(TouchlineLambdaModule::log);
    return DynamoDbStorage.on(store, Clock.systemUTC())
        .configure(Touchline.builder())
        .batchConcurrency(settings.batchConcurrency())
        .configRefresh(settings.configRefresh())
        .triggerSink(sink)
        .build();
  }

  @Provides
  @Singleton
  TouchlineApi api(Touchline engine) {
    return new TouchlineApi(engine);
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

  private SqsClient sqs() {
    return SqsClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(settings.region()))
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .build();
  }

  private static void log(Trigger t) {
    TRIGGERS.info(
        "trigger " + t.id() + " workflow=" + t.workflow() + " contact=" + t.contactId().value());
  }
}
