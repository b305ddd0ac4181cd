package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key header of single-event posts: one effect however often it is sent. */
class IdempotencyKeyTest {
  private static final String CONFIG =
      "{\"rules\":[{\"id\":\"score-purchases\",\"when\":{\"event\":\"purchase\"},"
          + "\"then\":[{\"score\":10}]}]}";

  private static RunningServer server;
  private static String key;

  @BeforeAll
  static void start() {
    server = RunningServer.start(Map.of("touchline.config-refresh", "0s"));
    WorkspaceId workspace = new WorkspaceId("idem");
    key =
        server
            .engine()
            .apiKeys()
            .issue(workspace, EnumSet.allOf(Scope.class), new RateLimit(1_000, 1_000))
            .secret();
    server.send(
        server
            .request("/v1/workspace/config")
            .header("X-API-Key", key)
            .PUT(HttpRequest.BodyPublishers.ofString(CONFIG))
            .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String idempotencyKey, String body) {
    return server.send(
        server
            .request("/v1/events")
            .header("X-API-Key", key)
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static String purchase(String email, int amount) {
    return "{\"event\":\"purchase\",\"email\":\""
        + email
        + "\",\"properties\":{\"amount\":"
        + amount
        + "}}";
  }

  @Test
  void aReplayIsAnsweredWithTheSameEventAndChangesNothing() {
    HttpResponse<String> first = post("order-1", purchase("replay@example.com", 10));
    HttpResponse<String> replay = post("order-1", purchase("replay@example.com", 10));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(replay.statusCode()).isEqualTo(200);
    JsonNode a = Json.of(first);
    JsonNode b = Json.of(replay);
    assertThat(b.get("status").asText()).isEqualTo("duplicate");
    assertThat(b.get("eventId")).isEqualTo(a.get("eventId"));
    assertThat(b.get("customerId")).isEqualTo(a.get("customerId"));
    JsonNode contact = Json.of(server.get("/v1/contacts/" + a.get("customerId").asText(), key));
    assertThat(contact.get("score").asInt()).isEqualTo(10);
  }

  @Test
  void theSameKeyWithAnotherPayloadIsAConflict() {
    HttpResponse<String> first = post("order-2", purchase("conflict@example.com", 10));
    HttpResponse<String> other = post("order-2", purchase("conflict@example.com", 99));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isIn(409, 422);
    assertThat(Json.of(other).get("error").get("code").asText()).isEqualTo("idempotency_conflict");
  }

  @Test
  void tenConcurrentSendsHaveOneEffect() throws Exception {
    String body = purchase("race@example.com", 10);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        sent.add(
            pool.submit(
                () -> {
                  go.await();
                  return post("order-race", body);
                }));
      }
      go.countDown();
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        responses.add(f.get(60, TimeUnit.SECONDS));
      }

      assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
      assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(9);
      JsonNode accepted =
          Json.of(responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow());
      for (HttpResponse<String> r : responses) {
        assertThat(Json.of(r).get("eventId")).isEqualTo(accepted.get("eventId"));
      }
      String contactId = accepted.get("customerId").asText();
      JsonNode timeline = Json.of(server.get("/v1/events?contactId=" + contactId, key));
      assertThat(timeline.get("data")).hasSize(1);
      JsonNode contact = Json.of(server.get("/v1/contacts/" + contactId, key));
      assertThat(contact.get("score").asInt()).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }
}
