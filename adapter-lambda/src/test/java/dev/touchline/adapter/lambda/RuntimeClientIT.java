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
import dev.touchline.testkit.lambda.FakeRuntimeApi;
import dev.touchline.testkit.lambda.FakeRuntimeApi.Invocation;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
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
        Function function = Function.start(runtime, "HttpApiHandler")) {
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
        Function function = Function.start(runtime, "SqsHandler")) {
      String good =
          new Envelope(
                  new WorkspaceId("default"),
                  "env-loop",
                  Instant.parse("2026-03-01T12:00:00Z"),
                  "{\"event\":\"signup\",\"email\":\"queued@example.com\",\"messageId\":\"q-1\"}")
              .write();
      String event =
          "{\"Records\":["
              + sqsRecord("m-good", good)
              + ","
              + sqsRecord("m-poison", "not an envelope")
              + "]}";

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

  private static String httpEvent(String method, String path, String query, String body)
      throws Exception {
    Map<String, Object> event = new HashMap<>();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", query);
    event.put(
        "headers", Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"));
    event.put(
        "requestContext",
        Map.of(
            "accountId", "123456789012",
            "apiId", "api",
            "stage", "$default",
            "requestId", "r-" + System.nanoTime(),
            "http",
                Map.of(
                    "method",
                    method,
                    "path",
                    path,
                    "protocol",
                    "HTTP/1.1",
                    "sourceIp",
                    "203.0.113.7")));
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return JSON.writeValueAsString(event);
  }

  private static String sqsRecord(String id, String body) throws Exception {
    return JSON.writeValueAsString(
        Map.of(
            "messageId",
            id,
            "receiptHandle",
            "handle-" + id,
            "body",
            body,
            "attributes",
            Map.of("ApproximateReceiveCount", "1"),
            "messageAttributes",
            Map.of(),
            "md5OfBody",
            "",
            "eventSource",
            "aws:sqs",
            "eventSourceARN",
            "arn:aws:sqs:eu-west-1:123456789012:events",
            "awsRegion",
            "eu-west-1"));
  }

  /** A child JVM running the runtime interface client on the deployable jar. */
  private record Function(Process process, Path logFile) implements AutoCloseable {

    static Function start(FakeRuntimeApi runtime, String handler) throws Exception {
      Path jar = Path.of("target", "touchline-lambda.jar").toAbsolutePath();
      assertThat(jar).as("the deployable jar (built by package)").exists();
      String runtimeJars =
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(
                  p ->
                      p.contains("aws-lambda-java-runtime-interface-client")
                          || p.contains("aws-lambda-java-serialization"))
              .reduce((a, b) -> a + File.pathSeparator + b)
              .orElseThrow();
      Path log = Files.createTempFile("touchline-function-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+TieredCompilation",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  jar + File.pathSeparator + runtimeJars,
                  "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                  "dev.touchline.adapter.lambda." + handler + "::handleRequest")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
      env.put("AWS_REGION", "eu-west-1");
      env.put("AWS_ACCESS_KEY_ID", "local");
      env.put("AWS_SECRET_ACCESS_KEY", "local");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "touchline-" + handler);
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/touchline");
      env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
      env.put("TOUCHLINE_DYNAMODB_ENDPOINT", endpoint);
      env.put("TOUCHLINE_DYNAMODB_TABLE", TABLE);
      env.put("TOUCHLINE_BOOTSTRAP_KEY", KEY);
      return new Function(pb.start(), log);
    }

    String log() {
      try {
        return "function log:\n" + Files.readString(logFile);
      } catch (Exception e) {
        return "function log unreadable: " + e;
      }
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(logFile);
    }
  }
}
