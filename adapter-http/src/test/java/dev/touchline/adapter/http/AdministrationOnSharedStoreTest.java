package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys and workspaces managed through two servers on one DynamoDB table (DynamoDB Local over HTTP):
 * a key revoked through one is refused by the other within the refresh interval, and no secret is
 * ever stored or logged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdministrationOnSharedStoreTest {
  private static final long REFRESH_MILLIS = 1_000;

  private static DynamoDbLocalHttp dynamo;

  @BeforeAll
  static void startDynamoDb() throws Exception {
    dynamo = new DynamoDbLocalHttp();
  }

  @AfterAll
  static void stopDynamoDb() throws Exception {
    dynamo.close();
  }

  private static Map<String, Object> server(String table, boolean create, String bootstrapKey) {
    Map<String, Object> properties = new HashMap<>(dynamo.store(table, create));
    properties.put("touchline.bootstrap-key", bootstrapKey);
    properties.put("touchline.config-refresh", REFRESH_MILLIS + "ms");
    return properties;
  }

  @Test
  void aKeyRevokedThroughOneServer_isRefusedByAnotherWithinTheRefreshInterval() throws Exception {
    String operator = ApiKeySecrets.generate();
    try (RunningServer a = RunningServer.start(server("shared-revocation", true, operator));
        RunningServer b = RunningServer.start(server("shared-revocation", false, operator))) {
      String admin =
          Json.of(a.post("/v1/workspaces", operator, "{\"id\":\"tenant\"}"))
              .get("key")
              .get("secret")
              .asText();
      JsonNode reader = Json.of(a.post("/v1/keys", admin, "{\"scopes\":[\"events:read\"]}"));
      String secret = reader.get("secret").asText();
      assertThat(b.get("/v1/events", secret).statusCode()).isEqualTo(200); // b now trusts it
      assertThat(Json.of(b.get("/v1/workspaces/tenant", operator)).get("id").asText())
          .isEqualTo("tenant");

      HttpResponse<String> revoked = delete(a, "/v1/keys/" + reader.get("id").asText(), admin);
      long revokedAt = System.nanoTime();
      assertThat(revoked.statusCode()).isEqualTo(200);
      assertThat(a.get("/v1/events", secret).statusCode()).isEqualTo(401);

      HttpResponse<String> fromB = b.get("/v1/events", secret);
      while (fromB.statusCode() == 200
          && System.nanoTime() - revokedAt < TimeUnit.MILLISECONDS.toNanos(3 * REFRESH_MILLIS)) {
        Thread.sleep(50);
        fromB = b.get("/v1/events", secret);
      }
      long seenAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
      assertThat(fromB.statusCode()).isEqualTo(401);
      assertThat(fromB.body()).isEqualTo(b.get("/v1/events", ApiKeySecrets.generate()).body());
      // within the interval, plus the time one request takes here
      assertThat(seenAfterMillis).isLessThanOrEqualTo(REFRESH_MILLIS + 500);
    }
  }

  @Test
  void noSecretIsEverStoredOrLogged_atAnyLevel() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level rootLevel = root.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.TRACE);
    List<String> julLines = new ArrayList<>();
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
    java.util.logging.Level julLevel = jul.getLevel();
    Handler julCapture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            synchronized (julLines) {
              julLines.add(
                  record.getMessage()
                      + " "
                      + (record.getThrown() == null ? "" : record.getThrown().toString()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(julCapture);
    jul.setLevel(java.util.logging.Level.ALL);

    String operator = ApiKeySecrets.generate();
    List<String> secrets = new ArrayList<>(List.of(operator));
    try {
      try (RunningServer server = RunningServer.start(server("no-secrets", true, operator))) {
        String admin =
            Json.of(
                    server.post(
                        "/v1/workspaces", operator, "{\"id\":\"quiet\",\"name\":\"Quiet\"}"))
                .get("key")
                .get("secret")
                .asText();
        secrets.add(admin);
        for (String scopes : List.of("[\"events:write\"]", "[\"events:read\",\"admin\"]")) {
          String issued =
              Json.of(server.post("/v1/keys", admin, "{\"scopes\":" + scopes + "}"))
                  .get("secret")
                  .asText();
          secrets.add(issued);
        }
        assertThat(
                server
                    .send(
                        server
                            .request("/v1/events")
                            .header("Authorization", "Bearer " + secrets.get(2))
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"event\":\"signup\",\"email\":\"q@example.com\"}"))
                            .build())
                    .statusCode())
            .isEqualTo(201);
        assertThat(server.get("/v1/keys", admin).statusCode()).isEqualTo(200);
        delete(server, "/v1/keys/" + ApiKeySecrets.publicId(secrets.get(2)), admin);
        assertThat(server.post("/v1/events", secrets.get(2), "{}").statusCode()).isEqualTo(401);
        assertThat(server.get("/v1/events", secrets.get(3) + "x").statusCode()).isEqualTo(401);
      }
    } finally {
      root.detachAppender(captured);
      root.setLevel(rootLevel);
      jul.removeHandler(julCapture);
      jul.setLevel(julLevel);
    }

    List<String> lines = new ArrayList<>();
    captured.list.forEach(
        e ->
            lines.add(
                e.getLoggerName()
                    + ": "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : " " + e.getThrowableProxy().getMessage())));
    synchronized (julLines) {
      lines.addAll(julLines);
    }
    assertThat(lines).as("log lines were captured").isNotEmpty();
    for (String secret : secrets) {
      String hash = ApiKeySecrets.hash(secret);
      for (String line : lines) {
        assertThat(line).doesNotContain(secret).doesNotContain(secret.substring(8, 40));
        assertThat(line).doesNotContain(hash);
      }
    }

    List<String> items = new ArrayList<>();
    try (DynamoDbClient client = dynamo.client()) {
      client
          .scanPaginator(r -> r.tableName("no-secrets"))
          .items()
          .forEach(item -> items.add(text(item)));
    }
    for (String secret : secrets) {
      assertThat(items).noneMatch(item -> item.contains(secret.substring(8, 40)));
      assertThat(items)
          .as("the key's hash is stored, so the scan saw its item")
          .anyMatch(item -> item.contains(ApiKeySecrets.hash(secret)));
    }
  }

  private static String text(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder();
    item.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
    return out.toString();
  }

  private static HttpResponse<String> delete(RunningServer server, String path, String key) {
    return server.send(server.request(path).header("X-API-Key", key).DELETE().build());
  }
}
