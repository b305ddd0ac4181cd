package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.Envelope;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The three handlers through the Guice wiring, on DynamoDB Local, with real event JSON. */
@Timeout(120)
class HandlersTest {
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient client;
  private static Injector injector;
  private static String key;

  @BeforeAll
  static void start() {
    System.setProperty("ddb.local.telemetry", "false");
    local = DynamoDBEmbedded.create();
    client = local.dynamoDbClient();
    new DynamoDbStore(client, "handlers").createTableIfMissing(false);
    LambdaSettings settings =
        LambdaSettings.from(
            Map.of("AWS_REGION", "eu-west-1", "TOUCHLINE_DYNAMODB_TABLE", "handlers"));
    injector = injector(settings);
    key =
        injector
            .getInstance(Touchline.class)
            .apiKeys()
            .issue(new WorkspaceId("default"), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
            .secret();
  }

  private static Injector injector(LambdaSettings settings) {
    return Guice.createInjector(
        Stage.PRODUCTION,
        Modules.override(new TouchlineLambdaModule(settings))
            .with(b -> b.bind(DynamoDbClient.class).toInstance(client)));
  }

  private static int items() {
    return client.scan(b -> b.tableName("handlers").select(Select.COUNT)).count();
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  private static APIGatewayProxyRequestEvent rest(String file) {
    APIGatewayProxyRequestEvent e = EventLoader.loadApiGatewayRestEvent("events/" + file);
    e.getHeaders().replaceAll((n, v) -> v.replace("KEY", key));
    e.getMultiValueHeaders()
        .replaceAll((n, v) -> v.stream().map(x -> x.replace("KEY", key)).toList());
    return e;
  }

  private static APIGatewayV2HTTPEvent http(String file) {
    APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/" + file);
    e.getHeaders().replaceAll((n, v) -> v.replace("KEY", key));
    return e;
  }

  @Test
  void theRestAndHttpApiHandlers_serveTheApi_onDynamoDb() {
    APIGatewayProxyResponseEvent created =
        new RestApiHandler(injector).handleRequest(rest("rest-post-base64.json"), null);
    APIGatewayV2HTTPResponse found =
        new HttpApiHandler(injector).handleRequest(http("http-get-contact.json"), null);

    assertThat(created.getStatusCode()).isEqualTo(201);
    assertThat(created.getBody()).contains("\"status\":\"accepted\"");
    assertThat(found.getStatusCode()).isEqualTo(200);
    assertThat(found.getBody()).contains("\"email\":\"ann@example.com\"");
  }

  @Test
  void anEventThatCannotBeRead_isAnsweredWithTheApisErrorDocument() {
    APIGatewayProxyRequestEvent e = rest("rest-post-base64.json");
    e.setBody("%%%");

    APIGatewayProxyResponseEvent answer = new RestApiHandler(injector).handleRequest(e, null);

    assertThat(answer.getStatusCode()).isEqualTo(400);
    assertThat(answer.getBody())
        .isEqualTo(
            "{\"error\":{\"code\":\"invalid_payload\",\"message\":\"the body is marked base64-encoded but is not base64\"}}");
  }

  @Test
  void theSqsHandler_ingestsEnvelopes_andReportsNoFailureWhenAllWent() {
    SQSEvent event = new SQSEvent();
    SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
    m.setMessageId("m-1");
    m.setBody(
        new Envelope(
                new WorkspaceId("default"),
                "env-1",
                Instant.parse("2026-03-01T12:00:00Z"),
                "{\"event\":\"signup\",\"email\":\"sqs@example.com\"}")
            .write());
    SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
    poison.setMessageId("m-2");
    poison.setBody("not an envelope");
    event.setRecords(List.of(m, poison));

    SQSBatchResponse response = new SqsHandler(injector).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).as("poison is recorded, not retried").isEmpty();
    APIGatewayV2HTTPEvent get = http("http-get-contact.json");
    get.setRawQueryString("email=sqs%40example.com");
    assertThat(new HttpApiHandler(injector).handleRequest(get, null).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void priming_readsTheTableWithAKeyThatExistsNowhere_andWritesNothing() {
    int before = items();

    List<Integer> answered = injector.getInstance(Priming.class).prime();

    assertThat(answered)
        .as("HTTP API and REST API requests, each refused")
        .containsExactly(401, 401);
    assertThat(items()).isEqualTo(before);
  }

  @Test
  void theBootstrapKey_isRegisteredByTheFirstStart_only_andServes() {
    String secret = ApiKeySecrets.generate();
    Map<String, String> env =
        Map.of(
            "AWS_REGION", "eu-west-1",
            "TOUCHLINE_DYNAMODB_TABLE", "handlers",
            "TOUCHLINE_WORKSPACE", "boot",
            "TOUCHLINE_BOOTSTRAP_KEY", secret,
            "TOUCHLINE_BOOTSTRAP_RATE_LIMIT", "500,2000");

    injector(LambdaSettings.from(env));
    Injector second = injector(LambdaSettings.from(env));

    assertThat(second.getInstance(Touchline.class).apiKeys().list(new WorkspaceId("boot")))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.scopes()).containsExactlyInAnyOrder(Scope.values());
              assertThat(k.rateLimit()).isEqualTo(new RateLimit(2000, 500));
              assertThat(k.name()).isEqualTo("bootstrap");
            });
    Touchline engine = second.getInstance(Touchline.class);
    assertThat(
            engine
                .workspaces()
                .get(engine.authenticate().authenticate(secret), new WorkspaceId("boot")))
        .as("the first start recorded the workspace, which the key (platform) may read")
        .isPresent();
    APIGatewayV2HTTPEvent get = http("http-get-contact.json");
    get.getHeaders().replaceAll((n, v) -> v.replace(key, secret));
    assertThat(new HttpApiHandler(second).handleRequest(get, null).getStatusCode())
        .as("the bootstrap key is accepted (the contact is unknown in its workspace)")
        .isEqualTo(404);
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("AWS_REGION", "x", "TOUCHLINE_BOOTSTRAP_KEY", "tl_live_123")))
        .hasMessageStartingWith("TOUCHLINE_BOOTSTRAP_KEY is not a Touchline key");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("AWS_REGION", "x", "TOUCHLINE_BOOTSTRAP_RATE_LIMIT", "1,100001")))
        .hasMessageStartingWith("TOUCHLINE_BOOTSTRAP_RATE_LIMIT: a rate limit is");
  }

  @Test
  void newKey_printsAWellFormedKeyThatTheSettingsAccept() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream console = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      NewKey.main(new String[0]);
    } finally {
      System.setOut(console);
    }
    String key = out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();

    assertThat(ApiKeySecrets.isWellFormed(key)).as(key).isTrue();
    assertThat(
            LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_BOOTSTRAP_KEY", key))
                .bootstrapKey())
        .contains(key);
  }

  @Test
  void settingsThatDoNotHold_stopTheStartNamingTheVariable() {
    assertThatThrownBy(() -> LambdaSettings.from(Map.of())).hasMessage("AWS_REGION is not set");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_BATCH_CONCURRENCY", "0")))
        .hasMessage("TOUCHLINE_BATCH_CONCURRENCY must be a whole number 1-256, got '0'");
    assertThat(
            LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_CONFIG_REFRESH", "30s"))
                .configRefresh())
        .isEqualTo(java.time.Duration.ofSeconds(30));
    assertThatThrownBy(
            () -> LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_CONFIG_REFRESH", "1h")))
        .hasMessage("TOUCHLINE_CONFIG_REFRESH must be a whole number 0-3600, got '1h'");
    assertThatThrownBy(
            () -> LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_WORKSPACE", "a b")))
        .hasMessageStartingWith("TOUCHLINE_WORKSPACE: ");
    assertThatThrownBy(
            () -> LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_INGEST_MODE", "async")))
        .hasMessage(
            "TOUCHLINE_INGEST_MODE=async needs the events queue: set TOUCHLINE_SQS_QUEUE_URL");
    assertThatThrownBy(
            () -> LambdaSettings.from(Map.of("AWS_REGION", "x", "TOUCHLINE_INGEST_MODE", "later")))
        .hasMessage("TOUCHLINE_INGEST_MODE must be sync or async, not 'later'");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("AWS_REGION", "x", "TOUCHLINE_DYNAMODB_ENDPOINT", "localhost:8000")))
        .hasMessageStartingWith("TOUCHLINE_DYNAMODB_ENDPOINT: not an endpoint URI");
    assertThatThrownBy(
            () ->
                LambdaSettings.from(
                    Map.of("AWS_REGION", "x", "TOUCHLINE_SNAPSTART_PRIMING", "yes")))
        .hasMessage("TOUCHLINE_SNAPSTART_PRIMING must be true or false, not 'yes'");
  }
}
