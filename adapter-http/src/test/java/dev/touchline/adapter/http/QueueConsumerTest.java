package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.adapter.sqs.SqsEventPublisher;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.workspace.WorkspaceId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/** The events-queue consumer inside the server and as a process of its own, on ElasticMQ. */
@Timeout(120)
class QueueConsumerTest {
  private static final WorkspaceId WS = new WorkspaceId("default");
  private static SQSRestServer elasticMq;
  private static String endpoint;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    System.setProperty("aws.accessKeyId", "x");
    System.setProperty("aws.secretAccessKey", "x");
    elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    endpoint = "http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort();
    sqs =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint))
            .region(Region.of("elasticmq"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .build();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    elasticMq.stopAndWait();
  }

  private static String queue(String name) {
    return sqs.createQueue(b -> b.queueName(name)).queueUrl();
  }

  private static Map<String, Object> queueProperties(String queueUrl) {
    return Map.of(
        "touchline.sqs.queue-url",
        queueUrl,
        "touchline.sqs.endpoint",
        endpoint,
        "touchline.sqs.region",
        "elasticmq",
        "touchline.sqs.wait-time",
        "1s");
  }

  private static void publish(String queueUrl, String email) {
    new SqsEventPublisher(sqs, queueUrl, 256 * 1024, Clock.systemUTC())
        .publish(WS, "{\"event\":\"signup\",\"email\":\"" + email + "\"}");
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static Optional<Contact> contact(Touchline engine, String email) {
    return engine.contacts().findByIdentifier(Caller.trusted(WS), IdentityType.EMAIL, email);
  }

  @Test
  void theServerConsumesTheQueueWhenOneIsSet_andTheApiShowsWhatItIngested() {
    String queueUrl = queue("server-events");
    try (RunningServer server = RunningServer.start(queueProperties(queueUrl))) {
      publish(queueUrl, "ann@example.com");

      Contact ann = await("the contact", () -> contact(server.engine(), "ann@example.com"));

      String bootstrap = server.bean(Bootstrap.class).generatedKey().orElseThrow();
      HttpResponse<String> response = server.get("/v1/contacts?email=ann%40example.com", bootstrap);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains(ann.id().value());
    }
  }

  @Test
  void withATriggerQueue_firedTriggersArePublishedToIt() {
    String workflowQueue = queue("server-workflow");
    Map<String, Object> properties =
        Map.of(
            "touchline.sqs.trigger-queue-url", workflowQueue,
            "touchline.sqs.endpoint", endpoint,
            "touchline.sqs.region", "elasticmq");
    try (RunningServer server = RunningServer.start(properties)) {
      server
          .engine()
          .workspaceConfig()
          .replace(
              Caller.trusted(WS),
              "{\"rules\":[{\"id\":\"w\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"welcome\"}]}]}");
      String key = server.bean(Bootstrap.class).generatedKey().orElseThrow();

      HttpResponse<String> response =
          server.post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"dee@example.com\"}");

      assertThat(response.statusCode()).isEqualTo(201);
      var messages =
          sqs.receiveMessage(
                  b -> b.queueUrl(workflowQueue).waitTimeSeconds(5).messageAttributeNames("All"))
              .messages();
      assertThat(messages)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.messageAttributes().get("workflow").stringValue())
                    .isEqualTo("welcome");
                assertThat(m.body()).contains("\"workflow\":\"welcome\"");
              });
    }
  }

  @Test
  void
      theAsynchronousPath_answers202WithIncomingIds_refusesInvalidItemsAtOnce_andEachEntryEndsProcessed()
          throws Exception {
    String queueUrl = queue("async-events");
    Map<String, Object> properties = new java.util.HashMap<>(queueProperties(queueUrl));
    properties.put("touchline.ingest-mode", "async");
    try (RunningServer server = RunningServer.start(properties)) {
      String key = server.bean(Bootstrap.class).generatedKey().orElseThrow();

      HttpResponse<String> batch =
          server.post(
              "/v1/events",
              key,
              "{\"events\":[{\"event\":\"signup\",\"email\":\"eve@example.com\",\"messageId\":\"a-1\"},"
                  + "{\"event\":\"signup\"},"
                  + "{\"event\":\"page_viewed\",\"email\":\"eve@example.com\"}]}");
      HttpResponse<String> single =
          server.post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"fay@example.com\"}");
      HttpResponse<String> invalid = server.post("/v1/events", key, "{\"event\":\"signup\"}");

      assertThat(batch.statusCode()).isEqualTo(202);
      var body = Json.of(batch);
      assertThat(body.get("received").asInt()).isEqualTo(2);
      assertThat(body.get("rejected").asInt()).isEqualTo(1);
      assertThat(body.get("results").get(0).get("status").asText()).isEqualTo("received");
      assertThat(body.get("results").get(1).get("error").get("code").asText())
          .isEqualTo("invalid_payload");
      assertThat(single.statusCode()).isEqualTo(202);
      assertThat(Json.of(single).get("status").asText()).isEqualTo("received");
      assertThat(invalid.statusCode()).as("refused at once, never queued").isEqualTo(400);
      java.util.List<String> ids =
          java.util.List.of(
              body.get("results").get(0).get("incomingId").asText(),
              body.get("results").get(2).get("incomingId").asText(),
              Json.of(single).get("incomingId").asText());

      for (String id : ids) {
        var entry =
            await(
                "entry " + id + " processed",
                () -> {
                  var page =
                      Json.of(server.get("/v1/events/incoming?status=processed&limit=200", key));
                  for (var e : page.get("data")) {
                    if (e.get("id").asText().equals(id)) {
                      return Optional.of(e);
                    }
                  }
                  return Optional.empty();
                });
        String eventId = entry.get("eventId").asText();
        assertThat(server.get("/v1/events/" + eventId, key).statusCode()).isEqualTo(200);
      }
      assertThat(Json.of(server.get("/v1/events/incoming?status=received", key)).get("data"))
          .isEmpty();
      assertThat(Json.of(server.get("/v1/events/incoming?status=rejected", key)).get("data"))
          .hasSize(2);
    }
  }

  @Test
  void theAsynchronousModeWithoutAQueue_stopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.ingest-mode", "async")))
        .hasStackTraceContaining(
            "TOUCHLINE_INGEST_MODE=async needs the events queue: set TOUCHLINE_SQS_QUEUE_URL");
  }

  @Test
  void theConsumerAlone_runsWithoutAPort_andWithoutMakingAKey() {
    String queueUrl = queue("alone-events");
    Map<String, Object> properties = new java.util.HashMap<>(queueProperties(queueUrl));
    properties.put("touchline.store", "memory");
    try (ApplicationContext context = QueueConsumerMain.start(properties)) {
      publish(queueUrl, "bob@example.com");

      await("the contact", () -> contact(context.getBean(Touchline.class), "bob@example.com"));

      assertThat(context.findBean(EmbeddedServer.class).map(EmbeddedServer::isRunning))
          .isNotEqualTo(Optional.of(true));
      assertThat(context.containsBean(Bootstrap.class)).isFalse();
    }
  }

  @Test
  void theConsumerAlone_withoutAQueue_stopsAtOnceNamingTheSetting() {
    assertThatThrownBy(() -> QueueConsumerMain.start(Map.of("touchline.store", "memory")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no events queue: set TOUCHLINE_SQS_QUEUE_URL to the queue's URL");
  }

  @Test
  void invalidQueueSettings_stopTheStartNamingTheSetting() {
    Map<String, Object> properties = new java.util.HashMap<>(queueProperties(queue("bad")));
    properties.put("touchline.sqs.pollers", "0");
    assertThatThrownBy(() -> RunningServer.start(properties))
        .hasStackTraceContaining("touchline.sqs (TOUCHLINE_SQS_*): pollers must be 1-64, got 0");
  }
}
