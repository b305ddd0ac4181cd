package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route of the public API on the real server, with its success and error answers. */
class HttpRoutesTest {
  private static final int MIB = 1024 * 1024;
  private static RunningServer server;

  private WorkspaceId workspace;
  private String key;

  @BeforeAll
  static void start() {
    server = RunningServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void newWorkspace() {
    workspace = new WorkspaceId("ws-" + UUID.randomUUID().toString().substring(0, 8));
    key = issue(EnumSet.allOf(Scope.class));
  }

  private String issue(Set<Scope> scopes) {
    return server.engine().apiKeys().issue(workspace, scopes, RateLimit.DEFAULT).secret();
  }

  @Test
  void aSingleEventIs201AndItsResendIsA200Duplicate() {
    String body = "{\"event\":\"signup\",\"email\":\"Ann@Example.com\",\"messageId\":\"m-1\"}";

    HttpResponse<String> first = server.post("/v1/events", key, body);
    HttpResponse<String> again = server.post("/v1/events", key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode accepted = Json.of(first);
    assertThat(accepted.get("status").asText()).isEqualTo("accepted");
    assertThat(accepted.get("resolved").asText()).isEqualTo("new");
    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode duplicate = Json.of(again);
    assertThat(duplicate.get("status").asText()).isEqualTo("duplicate");
    assertThat(duplicate.get("eventId")).isEqualTo(accepted.get("eventId"));
  }

  @Test
  void aBatchAnswersEachItemInOrderAndABadItemSinksNothing() {
    String body =
        "{\"events\":["
            + "{\"event\":\"signup\",\"email\":\"b1@example.com\"},"
            + "{\"event\":\"signup\"},"
            + "{\"event\":\"page_viewed\",\"email\":\"b1@example.com\",\"context\":{\"userAgent\":\"Googlebot/2.1\"}},"
            + "{\"event\":\"login\",\"email\":\"b1@example.com\"}]}";

    HttpResponse<String> response = server.post("/v1/events", key, body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode batch = Json.of(response);
    assertThat(batch.get("accepted").asInt()).isEqualTo(2);
    assertThat(batch.get("rejected").asInt()).isEqualTo(1);
    assertThat(batch.get("discarded").asInt()).isEqualTo(1);
    JsonNode results = batch.get("results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(results.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(results.get(1).get("error").get("code").asText()).isEqualTo("invalid_payload");
    assertThat(results.get(2).get("reason").asText()).isEqualTo("bot");
    assertThat(results.get(3).get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void theTimelineAnEventAndTheIncomingLogReadBack() {
    JsonNode first =
        Json.of(
            server.post(
                "/v1/events",
                key,
                "{\"event\":\"signup\",\"email\":\"t@example.com\",\"properties\":{\"plan\":\"pro\"}}"));
    server.post("/v1/events", key, "{\"event\":\"login\",\"email\":\"t@example.com\"}");
    server.post("/v1/events", key, "{\"event\":\"login\"}");
    String contactId = first.get("customerId").asText();

    JsonNode timeline = Json.of(server.get("/v1/events?contactId=" + contactId + "&limit=1", key));
    JsonNode event = Json.of(server.get("/v1/events/" + first.get("eventId").asText(), key));
    JsonNode logins = Json.of(server.get("/v1/events?type=login", key));
    JsonNode rejected = Json.of(server.get("/v1/events/incoming?status=rejected", key));

    assertThat(timeline.get("data")).hasSize(1);
    assertThat(timeline.get("data").get(0).get("event").asText()).isEqualTo("login");
    assertThat(timeline.get("nextCursor").isTextual()).isTrue();
    JsonNode older =
        Json.of(
            server.get(
                "/v1/events?contactId="
                    + contactId
                    + "&limit=1&cursor="
                    + timeline.get("nextCursor").asText(),
                key));
    assertThat(older.get("data").get(0).get("event").asText()).isEqualTo("signup");
    assertThat(event.get("properties").get("plan").asText()).isEqualTo("pro");
    assertThat(event.get("customerId").asText()).isEqualTo(contactId);
    assertThat(logins.get("data")).hasSize(1);
    assertThat(rejected.get("data")).hasSize(1);
    assertThat(rejected.get("data").get(0).get("processError").get("code").asText())
        .isEqualTo("invalid_payload");
  }

  @Test
  void contactsAreFoundByIdAndByEachIdentifierAndUpsertedByIdentity() {
    HttpResponse<String> created =
        server.post(
            "/v1/contacts",
            key,
            "{\"email\":\"C@Example.com\",\"phone\":\"(415) 555-0100\",\"externalId\":\"crm-7\","
                + "\"attributes\":{\"plan\":\"trial\"}}");
    HttpResponse<String> updated =
        server.post(
            "/v1/contacts", key, "{\"email\":\"c@example.com\",\"attributes\":{\"plan\":\"pro\"}}");
    String id = Json.of(created).get("id").asText();

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(updated.statusCode()).isEqualTo(200);
    for (String query :
        new String[] {
          "/v1/contacts/" + id,
          "/v1/contacts?email=c%40example.com",
          "/v1/contacts?phone=%2B14155550100",
          "/v1/contacts?externalId=crm-7"
        }) {
      HttpResponse<String> found = server.get(query, key);
      assertThat(found.statusCode()).as(query).isEqualTo(200);
      JsonNode contact = Json.of(found);
      assertThat(contact.get("id").asText()).as(query).isEqualTo(id);
      assertThat(contact.get("attributes").get("plan").asText()).isEqualTo("pro");
    }
    assertThat(server.get("/v1/contacts?email=nobody%40example.com", key).statusCode())
        .isEqualTo(404);
    assertThat(server.get("/v1/contacts", key).statusCode()).isEqualTo(400);
  }

  @Test
  void theWorkspaceConfigurationIsReadAndReplaced() {
    HttpResponse<String> before = server.get("/v1/workspace/config", key);
    HttpResponse<String> replaced =
        server.send(
            server
                .request("/v1/workspace/config")
                .header("X-API-Key", key)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[{\"id\":\"tag-signups\",\"when\":{\"event\":\"signup\"},"
                            + "\"then\":[{\"addTag\":\"lead\"}]}]}"))
                .build());
    HttpResponse<String> invalid =
        server.send(
            server
                .request("/v1/workspace/config")
                .header("X-API-Key", key)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"rules\":[{\"id\":\"broken\",\"when\":{\"event\":\"signup\"},"
                            + "\"then\":[{\"addTag\":7}]}]}"))
                .build());
    JsonNode signup =
        Json.of(
            server.post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"w@example.com\"}"));

    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("X-Config-Version")).hasValue("0");
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(replaced.headers().firstValue("X-Config-Version")).hasValue("1");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(Json.of(invalid).get("error").get("message").asText()).contains("broken");
    JsonNode contact =
        Json.of(server.get("/v1/contacts/" + signup.get("customerId").asText(), key));
    assertThat(contact.get("tags").toString()).contains("lead");
  }

  @Test
  void bearerWorksLikeXApiKey() {
    HttpResponse<String> response =
        server.send(
            server.request("/v1/events").header("Authorization", "Bearer " + key).GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void missingMalformedUnknownAndRevokedKeysAllGetTheSame401() {
    String revoked = issue(EnumSet.allOf(Scope.class));
    server
        .engine()
        .apiKeys()
        .revoke(workspace, dev.touchline.core.domain.apikey.ApiKeySecrets.publicId(revoked));
    String unknown = dev.touchline.core.domain.apikey.ApiKeySecrets.generate();

    HttpResponse<String> missing = server.send(server.request("/v1/events").GET().build());
    HttpResponse<String> malformed = server.get("/v1/events", "tl_live_nope");
    HttpResponse<String> notKnown = server.get("/v1/events", unknown);
    HttpResponse<String> wasRevoked = server.get("/v1/events", revoked);

    for (HttpResponse<String> r : java.util.List.of(missing, malformed, notKnown, wasRevoked)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo(missing.body());
      assertThat(Json.of(r).get("error").get("code").asText()).isEqualTo("unauthenticated");
    }
  }

  @Test
  void eachRouteNeedsItsScope() {
    String readOnly = issue(EnumSet.of(Scope.EVENTS_READ));

    HttpResponse<String> write =
        server.post("/v1/events", readOnly, "{\"event\":\"signup\",\"email\":\"s@example.com\"}");
    HttpResponse<String> contacts = server.get("/v1/contacts?email=s%40example.com", readOnly);
    HttpResponse<String> admin = server.get("/v1/workspace/config", readOnly);
    HttpResponse<String> read = server.get("/v1/events", readOnly);

    for (HttpResponse<String> r : java.util.List.of(write, contacts, admin)) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(Json.of(r).get("error").get("code").asText()).isEqualTo("forbidden_scope");
    }
    assertThat(read.statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJsonIsInvalidPayloadNamingTheProblem() {
    HttpResponse<String> response = server.post("/v1/events", key, "{\"event\": \"signup\",");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Json.of(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_payload");
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @Test
  void unknownRoutesAre404_andUnservedMethodsAre405WithAllow() {
    HttpResponse<String> noRoute = server.get("/v1/nothing-here", key);
    HttpResponse<String> noEvent = server.get("/v1/events/01ARZ3NDEKTSV4RRFFQ69G5FAV", key);
    HttpResponse<String> noContact = server.get("/v1/contacts/01ARZ3NDEKTSV4RRFFQ69G5FAV", key);
    for (HttpResponse<String> r : java.util.List.of(noRoute, noEvent, noContact)) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(Json.of(r).get("error").get("code").asText()).isEqualTo("not_found");
    }

    for (String method : java.util.List.of("DELETE", "HEAD", "OPTIONS", "PATCH")) {
      HttpResponse<String> wrongMethod =
          server.send(
              server
                  .request("/v1/events")
                  .header("X-API-Key", key)
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(wrongMethod.statusCode()).as(method).isEqualTo(405);
      assertThat(wrongMethod.headers().allValues("Allow")).as(method).containsExactly("GET, POST");
      if (!method.equals("HEAD")) {
        assertThat(Json.of(wrongMethod).get("error").get("code").asText())
            .isEqualTo("method_not_allowed");
      }
    }
  }

  @Test
  void aBodyOfExactlyTheCapIsReadAndOneByteMoreIs413() {
    String batch = "{\"events\":[{\"event\":\"signup\",\"email\":\"cap@example.com\"}]}";
    String atCap = batch + " ".repeat(MIB - batch.length());
    String pastCap = atCap + " ";

    HttpResponse<String> at = server.post("/v1/events", key, atCap);
    HttpResponse<String> past = server.post("/v1/events", key, pastCap);

    assertThat(atCap.getBytes(StandardCharsets.UTF_8)).hasSize(MIB);
    assertThat(at.statusCode()).isEqualTo(200);
    assertThat(Json.of(at).get("accepted").asInt()).isEqualTo(1);
    assertThat(past.statusCode()).isEqualTo(413);
    assertThat(Json.of(past).get("error").get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void aChunkedBodyOverTheCapIs413Too() {
    byte[] body = ("{\"events\":[" + " ".repeat(MIB) + "]}").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        server.send(
            server
                .request("/v1/events")
                .header("X-API-Key", key)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.of(response).get("error").get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void aBatchOf500IsTakenAnd501IsRefusedWhole() {
    HttpResponse<String> at = server.post("/v1/events", key, batchOf(500));
    HttpResponse<String> past = server.post("/v1/events", key, batchOf(501));

    assertThat(at.statusCode()).isEqualTo(200);
    assertThat(Json.of(at).get("accepted").asInt()).isEqualTo(500);
    assertThat(past.statusCode()).isEqualTo(413);
    JsonNode error = Json.of(past).get("error");
    assertThat(error.get("code").asText()).isEqualTo("payload_too_large");
    assertThat(error.get("field").asText()).isEqualTo("events");
  }

  private static String batchOf(int n) {
    StringBuilder b = new StringBuilder("{\"events\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"event\":\"page_viewed\",\"email\":\"batch")
          .append(n)
          .append("-")
          .append(i % 50)
          .append("@example.com\"}");
    }
    return b.append("]}").toString();
  }

  @Test
  void healthIsUp() {
    HttpResponse<String> health = server.send(server.request("/health").GET().build());

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode doc = Json.of(health);
    assertThat(doc.get("status").asText()).isEqualTo("UP");
    assertThat(doc.get("details").get("store").get("status").asText()).isEqualTo("UP");
    assertThat(doc.get("details").get("store").get("details").get("store").asText())
        .isEqualTo("memory");
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() {
    HttpResponse<String> doc = server.send(server.request("/openapi.yml").GET().build());

    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .startsWith("openapi: 3")
        .contains(
            "  /v1/events:\n    get:",
            "    post:",
            "  /v1/events/incoming:",
            "  /v1/events/{id}:",
            "  /v1/contacts:",
            "  /v1/contacts/{id}:",
            "  /v1/workspace/config:\n    get:",
            "    put:",
            "  /v1/keys:",
            "  /v1/keys/{id}:\n    delete:",
            "  /v1/workspaces:",
            "  /v1/workspaces/{id}:",
            "$ref: \"#/components/responses/CreatedWorkspace\"",
            "$ref: \"#/components/requestBodies/KeyRequest\"",
            "X-API-Key",
            "bearer",
            "$ref: \"#/components/schemas/IngestRequest\"",
            "$ref: \"#/components/schemas/Contact\"",
            "$ref: \"#/components/responses/RateLimited\"",
            "$ref: \"#/components/requestBodies/IngestRequest\"",
            "$ref: \"#/components/responses/Accepted\"");
    java.util.regex.Matcher refs =
        java.util.regex.Pattern.compile("\\$ref: \"?'?#/components/(\\w+)/(\\w+)")
            .matcher(doc.body());
    int count = 0;
    while (refs.find()) {
      count++;
      assertThat(doc.body())
          .as("the target of " + refs.group())
          .containsPattern("\n  " + refs.group(1) + ":(\n .*)*?\n    " + refs.group(2) + ":");
    }
    assertThat(count).isGreaterThan(30);
  }

  @Test
  void metricsCountEventsByOutcome() {
    double acceptedBefore = accepted();
    server.post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"metrics@example.com\"}");
    server.post(
        "/v1/events",
        key,
        "{\"events\":[{\"event\":\"login\",\"email\":\"metrics@example.com\"},{\"event\":\"x\"}]}");

    assertThat(accepted()).isEqualTo(acceptedBefore + 2);
    HttpResponse<String> latency =
        server.send(server.request("/metrics/touchline.ingest").GET().build());
    assertThat(latency.statusCode()).isEqualTo(200);
    assertThat(Json.of(latency).get("measurements").toString()).contains("TOTAL_TIME");
  }

  private static double accepted() {
    HttpResponse<String> r =
        server.send(server.request("/metrics/touchline.events?tag=outcome:accepted").GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.of(r).get("measurements").get(0).get("value").asDouble();
  }
}
