package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A key of workspace A never reads or changes workspace B, on every route: 404, or nothing. */
class CrossWorkspaceTest {
  private static RunningServer server;
  private static String keyA;
  private static String keyB;
  private static String contactB;
  private static String eventB;

  @BeforeAll
  static void start() {
    server = RunningServer.start(Map.of("touchline.config-refresh", "0s"));
    keyA = issue("ws-a");
    keyB = issue("ws-b");
    JsonNode accepted =
        Json.of(
            server.post(
                "/v1/events",
                keyB,
                "{\"event\":\"signup\",\"email\":\"shared@example.com\",\"phone\":\"+14155550123\","
                    + "\"externalId\":\"ext-1\"}"));
    contactB = accepted.get("customerId").asText();
    eventB = accepted.get("eventId").asText();
  }

  private static String issue(String workspace) {
    return server
        .engine()
        .apiKeys()
        .issue(new WorkspaceId(workspace), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
        .secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void readsOfBsResourcesWithAsKeyAre404() {
    for (String path :
        new String[] {
          "/v1/events/" + eventB,
          "/v1/contacts/" + contactB,
          "/v1/contacts?email=shared%40example.com",
          "/v1/contacts?phone=%2B14155550123",
          "/v1/contacts?externalId=ext-1"
        }) {
      HttpResponse<String> response = server.get(path, keyA);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(Json.of(response).get("error").get("code").asText()).isEqualTo("not_found");
      assertThat(server.get(path, keyB).statusCode()).as(path + " with B's key").isEqualTo(200);
    }
  }

  @Test
  void listingsWithAsKeyShowNothingOfB() {
    JsonNode timeline = Json.of(server.get("/v1/events?contactId=" + contactB, keyA));
    JsonNode all = Json.of(server.get("/v1/events", keyA));
    JsonNode incoming = Json.of(server.get("/v1/events/incoming", keyA));

    assertThat(timeline.toString()).doesNotContain(eventB);
    assertThat(all.toString()).doesNotContain(eventB);
    assertThat(incoming.toString()).doesNotContain(eventB).doesNotContain("shared@example.com");
  }

  @Test
  void audienceListingsOfAShowNothingOfAnotherWorkspace() {
    String keyC = issue("ws-c");
    HttpResponse<String> config =
        server.send(
            server
                .request("/v1/workspace/config")
                .header("X-API-Key", keyC)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"signup\"},"
                            + "\"then\":[{\"addTag\":\"c-tag\"},{\"setLifecycle\":\"lead\"}]}]}"))
                .build());
    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
    assertThat(
            server
                .post("/v1/events", keyC, "{\"event\":\"signup\",\"email\":\"c@example.com\"}")
                .statusCode())
        .isEqualTo(201);
    for (String listing : new String[] {"/v1/contacts?tag=c-tag", "/v1/contacts?lifecycle=lead"}) {
      assertThat(Json.of(server.get(listing, keyC)).get("data")).as(listing + " in C").hasSize(1);
      JsonNode ofA = Json.of(server.get(listing, keyA));
      assertThat(ofA.get("data")).as(listing + " with A's key").isEmpty();
      assertThat(ofA.toString()).doesNotContain("c@example.com");
    }
  }

  @Test
  void writesWithAsKeyNeverChangeB() {
    HttpResponse<String> byId =
        server.post(
            "/v1/events", keyA, "{\"event\":\"purchase\",\"customer\":\"" + contactB + "\"}");
    HttpResponse<String> byEmail =
        server.post("/v1/events", keyA, "{\"event\":\"login\",\"email\":\"shared@example.com\"}");
    HttpResponse<String> upsert =
        server.post(
            "/v1/contacts",
            keyA,
            "{\"email\":\"shared@example.com\",\"attributes\":{\"owner\":\"a\"}}");
    HttpResponse<String> config =
        server.send(
            server
                .request("/v1/workspace/config")
                .header("X-API-Key", keyA)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"login\"},"
                            + "\"then\":[{\"addTag\":\"a-only\"}]}]}"))
                .build());

    assertThat(byId.statusCode()).isEqualTo(404);
    assertThat(Json.of(byId).get("error").get("code").asText()).isEqualTo("contact_not_found");
    assertThat(byEmail.statusCode()).isEqualTo(201);
    assertThat(Json.of(byEmail).get("customerId").asText()).isNotEqualTo(contactB);
    assertThat(upsert.statusCode()).isIn(200, 201);
    assertThat(config.statusCode()).isEqualTo(200);

    JsonNode b = Json.of(server.get("/v1/contacts/" + contactB, keyB));
    assertThat(b.get("attributes").has("owner")).isFalse();
    assertThat(Json.of(server.get("/v1/events?contactId=" + contactB, keyB)).get("data"))
        .hasSize(1);
    HttpResponse<String> configB = server.get("/v1/workspace/config", keyB);
    assertThat(configB.headers().firstValue("X-Config-Version")).hasValue("0");
    assertThat(configB.body()).doesNotContain("a-only");
  }
}
