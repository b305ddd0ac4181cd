package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.Envelope;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.testkit.lambda.EventJson;
import dev.touchline.testkit.lambda.FakeRuntimeApi;
import dev.touchline.testkit.lambda.FakeRuntimeApi.Invocation;
import dev.touchline.testkit.lambda.FunctionProcess;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployable jar run the way Lambda runs it: AWS's runtime interface client in a child JVM
 * polls a fake Runtime API on loopback, hands the events to the handlers the template names, and
 * posts their answers back; the functions work on DynamoDB Local's HTTP server.
 */
@Timeout(300)
class RuntimeClientIT {
  private static final Duration ANSWER = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "runtime";
  private static final String KEY = ApiKeySecrets.generate();

  private static DynamoDBProxyServer dynamo;
  private static String endpoint;
  private static DynamoDbClient client;

  @BeforeAll
  static void startDynamoDb() throws Exception {
    // this JVM's own clients log as a function's do: the JDK's HTTP client held at INFO
    assertThat(Handlers.JDK_HTTP.getLevel()).isEqualTo(java.util.logging.Level.INFO);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    dynamo =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    dynamo.start();
    endpoint = "http://127.0.0.1:" + port;
    client =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    new DynamoDbStore(client, TABLE).createTableIfMissing(false);
  }

  @AfterAll
  static void stopDynamoDb() throws Exception {
    client.close();
    dynamo.stop();
  }

  @Test
  void theHttpApiFunction_answersEventsAndQueries_throughTheRuntimeLoop() throws Exception {
    try (FakeRuntimeApi runtime = new FakeRuntimeApi();
        FunctionProcess function = start(runtime, "HttpApiHandler")) {
      JsonNode created =
          JSON.readTree(
              runtime
                  .invoke(
                      httpEvent(
                          "POST",
                          "/v1/events",
                          "",
                          "{\"event\":\"signup\",\"email\":\"Loop@Example.com\",\"messageId\":\"m-loop\"}"),
                      ANSWER)
                  .body());
      Invocation found =
          runtime.invoke(
              httpEvent("GET", "/v1/contacts", "email=loop%40example.com", null), ANSWER);
      Invocation refused =
          runtime.invoke(httpEvent("POST", "/v1/events", "", "{\"event\":"), ANSWER);

      assertThat(created.path("statusCode").asInt()).as(function.log()).isEqualTo(201);
      assertThat(JSON.readTree(created.path("body").asText()).path("status").asText())
          .isEqualTo("accepted");
      assertThat(JSON.readTree(found.body()).path("statusCode").asInt()).isEqualTo(200);
      assertThat(JSON.readTree(found.body()).path("body").asText())
          .contains("\"email\":\"loop@example.com\"");
      JsonNode bad = JSON.readTree(refused.body());
      assertThat(bad.path("statusCode").asInt()).isEqualTo(400);
      assertThat(bad.path("body").asText()).contains("\"code\":\"invalid_payload\"");
      assertThat(runtime.initError()).isEmpty();
    }
  }

  @Test
  void theSqsFunction_ingestsEnvelopes_andReportsExactlyTheFailedMessages() throws Exception {
    try (FakeRuntimeApi runtime = new FakeRuntimeApi();
        FunctionProcess function = start(runtime, "SqsHandler")) {
      String good =
          new Envelope(
                  new WorkspaceId("default"),
                  "env-loop",
                  Instant.parse("2026-03-01T12:00:00Z"),
                  "{\"event\":\"signup\",\"email\":\"queued@example.com\",\"messageId\":\"q-1\"}")
              .write();
      String event =
          EventJson.sqs(
              List.of(Map.entry("m-good", good), Map.entry("m-poison", "not an envelope")));

      Invocation answer = runtime.invoke(event, ANSWER);

      assertThat(answer.error()).as(function.log()).isFalse();
      assertThat(JSON.readTree(answer.body()).path("batchItemFailures").size())
          .as("the poison message is recorded, not retried: " + answer.body())
          .isZero();
      Touchline engine =
          DynamoDbStorage.on(new DynamoDbStore(client, TABLE), Clock.systemUTC())
              .configure(Touchline.builder())
              .build();
      Caller operator = Caller.trusted(new WorkspaceId("default"));
      assertThat(
              engine
                  .contacts()
                  .findByIdentifier(operator, IdentityType.EMAIL, "queued@example.com"))
          .as("the envelope's event was ingested")
          .isPresent();
      assertThat(
              engine
                  .incoming()
                  .list(operator, Optional.empty(), new PageRequest(50, Optional.empty()))
                  .items())
          .as("the poison message is in the incoming log")
          .anySatisfy(
              e -> {
                assertThat(e.payload()).isEqualTo("not an envelope");
                assertThat(e.processError().orElseThrow().message())
                    .startsWith("the message is not an envelope");
              });
    }
  }

  private static String httpEvent(String method, String path, String query, String body) {
    return EventJson.httpApi(
        method,
        path,
        query,
        Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"),
        body);
  }

  /** The deployable jar with the runtime client, run as a function of the given handler. */
  private static FunctionProcess start(FakeRuntimeApi runtime, String handler) {
    Path jar = Path.of("target", "touchline-lambda.jar");
    assertThat(jar).as("the deployable jar (built by package)").exists();
    List<Path> classpath = new ArrayList<>(List.of(jar));
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            p ->
                p.contains("aws-lambda-java-runtime-interface-client")
                    || p.contains("aws-lambda-java-serialization"))
        .map(Path::of)
        .forEach(classpath::add);
    return FunctionProcess.start(
        runtime,
        classpath,
        "dev.touchline.adapter.lambda." + handler + "::handleRequest",
        Map.of(
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "TOUCHLINE_DYNAMODB_ENDPOINT", endpoint,
            "TOUCHLINE_DYNAMODB_TABLE", TABLE,
            "TOUCHLINE_BOOTSTRAP_KEY", KEY));
  }
}
