package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The template's asynchronous deployment through the wiring: the API function in {@code async} mode
 * queues an event on the events queue and answers 202; the messages, handed to the events function
 * as Lambda's poller would, are ingested; the trigger the event fires lands on the trigger queue.
 * ElasticMQ and DynamoDB Local in process.
 */
@Timeout(120)
class QueuedPathTest {
  private static final WorkspaceId WS = new WorkspaceId("queued");
  private static SQSRestServer mq;
  private static SqsClient sqs;
  private static AmazonDynamoDBLocal local;
  private static String events;
  private static String triggers;
  private static Injector injector;

  @BeforeAll
  static void start() {
    // as in a function: the JDK's HTTP client never logs the SDK's signed headers
    assertThat(Handlers.JDK_HTTP.getLevel()).isEqualTo(java.util.logging.Level.INFO);
    mq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = mq.waitUntilStarted().localAddress().getPort();
    sqs =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.of("elasticmq"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .build();
    events = sqs.createQueue(b -> b.queueName("events")).queueUrl();
    triggers = sqs.createQueue(b -> b.queueName("triggers")).queueUrl();
    System.setProperty("ddb.local.telemetry", "false");
    local = DynamoDBEmbedded.create();
    DynamoDbClient dynamoDb = local.dynamoDbClient();
    new DynamoDbStore(dynamoDb, "queued").createTableIfMissing(false);
    LambdaSettings settings =
        LambdaSettings.from(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "TOUCHLINE_DYNAMODB_TABLE", "queued",
                "TOUCHLINE_WORKSPACE", WS.value(),
                "TOUCHLINE_SQS_QUEUE_URL", events,
                "TOUCHLINE_SQS_TRIGGER_QUEUE_URL", triggers,
                "TOUCHLINE_INGEST_MODE", "async",
                "TOUCHLINE_CONFIG_REFRESH", "0"));
    injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            Modules.override(new TouchlineLambdaModule(settings))
                .with(
                    b -> {
                      b.bind(DynamoDbClient.class).toInstance(dynamoDb);
                      b.bind(new TypeLiteral<Optional<SqsClient>>() {})
                          .toInstance(Optional.of(sqs));
                    }));
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
    sqs.close();
    mq.stopAndWait();
  }

  @Test
  void anEventQueuedByTheApiFunction_isIngestedByTheEventsFunction_andItsTriggerIsPublished() {
    Touchline engine = injector.getInstance(Touchline.class);
    Caller operator = Caller.trusted(WS);
    engine
        .workspaceConfig()
        .replace(
            operator,
            "{\"rules\":[{\"id\":\"welcome\",\"when\":{\"event\":\"signup\"},"
                + "\"then\":[{\"trigger\":\"welcome-series\"}]}]}");
    String key = engine.apiKeys().issue(WS, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    APIGatewayV2HTTPEvent post = new APIGatewayV2HTTPEvent();
    post.setRawPath("/v1/events");
    post.setHeaders(Map.of("authorization", "Bearer " + key, "content-type", "application/json"));
    post.setBody("{\"event\":\"signup\",\"email\":\"later@example.com\",\"messageId\":\"q-1\"}");
    post.setRequestContext(
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withStage("$default")
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
            .build());

    APIGatewayV2HTTPResponse accepted = new HttpApiHandler(injector).handleRequest(post, null);

    assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(202);
    assertThat(
            engine.contacts().findByIdentifier(operator, IdentityType.EMAIL, "later@example.com"))
        .as("not ingested yet: it is on the queue")
        .isEmpty();

    SQSEvent delivery = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : receive(events)) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(m.messageId());
      r.setReceiptHandle(m.receiptHandle());
      r.setBody(m.body());
      records.add(r);
    }
    delivery.setRecords(records);
    SQSBatchResponse response = new SqsHandler(injector).handleRequest(delivery, null);

    assertThat(records).hasSize(1);
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(
            engine.contacts().findByIdentifier(operator, IdentityType.EMAIL, "later@example.com"))
        .isPresent();
    assertThat(receive(triggers))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("welcome-series").contains(WS.value()));
  }

  private static List<Message> receive(String queue) {
    return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2))
        .messages();
  }
}
