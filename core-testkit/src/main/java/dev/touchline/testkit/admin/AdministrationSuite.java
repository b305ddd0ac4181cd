package dev.touchline.testkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The administration routes ({@code /v1/workspaces}, {@code /v1/keys}) through a target: success,
 * each error, each limit at and past its bound, scopes, revocation, and the cross-workspace matrix.
 * Each runtime extends it and supplies only {@link #target()}; every test makes its own workspaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdministrationSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = "{\"event\":\"signup\",\"email\":\"ada@example.com\"}";

  /** What a request with an unknown key is answered; a revoked key must get exactly this. */
  private static final String UNAUTHENTICATED =
      "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"missing, invalid or revoked API"
          + " key\"}}";

  private ScenarioTarget target;

  /** The operator's key: every scope, {@code platform} included, like a bootstrap key. */
  private String platformKey;

  /** The target every test talks to (one for the class). */
  protected abstract ScenarioTarget target();

  /** Opened before the first test (after any subclass's own {@code @BeforeAll}). */
  @BeforeEach
  void open() {
    if (target != null) {
      return;
    }
    target = target();
    platformKey =
        target.registerKey(
            new WorkspaceId("operator-" + unique()),
            EnumSet.allOf(Scope.class),
            new RateLimit(100_000, 10_000));
  }

  @AfterAll
  void closeTarget() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  // ---- workspaces ----

  @Test
  void createWorkspace_answers201_withTheWorkspaceAndAFirstAdminKeyThatWorks() {
    String id = "acme-" + unique();
    ApiResponse created =
        send(
            "POST",
            "/v1/workspaces",
            platformKey,
            "{\"id\":\""
                + id
                + "\",\"name\":\"Acme Inc.\",\"config\":{\"rules\":[{\"id\":\"tag-signups\","
                + "\"when\":{\"event\":\"signup\"},\"then\":[{\"addTag\":\"new\"}]}]}}");

    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    assertThat(header(created, "Cache-Control")).isEqualTo("no-store");
    JsonNode body = json(created);
    assertThat(body.get("workspace").get("id").asText()).isEqualTo(id);
    assertThat(body.get("workspace").get("name").asText()).isEqualTo("Acme Inc.");
    assertThat(body.get("workspace").get("createdAt").asText()).endsWith("Z");
    JsonNode key = body.get("key");
    String secret = key.get("secret").asText();
    assertThat(ApiKeySecrets.isWellFormed(secret)).isTrue();
    assertThat(key.get("id").asText()).isEqualTo(ApiKeySecrets.publicId(secret));
    assertThat(key.get("name").asText()).isEqualTo("first admin key");
    assertThat(texts(key.get("scopes")))
        .containsExactly("admin", "contacts:read", "contacts:write", "events:read", "events:write");
    assertThat(key.get("hint").asText()).isEqualTo(secret.substring(secret.length() - 4));
    assertThat(key.get("revoked").asBoolean()).isFalse();
    assertThat(created.bodyText()).doesNotContain(ApiKeySecrets.hash(secret));

    ApiResponse accepted = send("POST", "/v1/events", secret, EVENT);
    assertThat(accepted.status()).isEqualTo(201);
    String contact = json(accepted).get("customerId").asText();
    assertThat(texts(json(send("GET", "/v1/contacts/" + contact, secret, null)).get("tags")))
        .containsExactly("new");
    ApiResponse config = send("GET", "/v1/workspace/config", secret, null);
    assertThat(header(config, "X-Config-Version")).isEqualTo("1");
    assertThat(config.bodyText()).contains("tag-signups");

    JsonNode fetched = json(send("GET", "/v1/workspaces/" + id, platformKey, null));
    assertThat(fetched).isEqualTo(body.get("workspace"));
  }

  @Test
  void createWorkspace_withoutConfigOrName_usesTheDefaults() {
    String id = "bare-" + unique();
    ApiResponse created = send("POST", "/v1/workspaces", platformKey, "{\"id\":\"" + id + "\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(json(created).get("workspace").get("name").isNull()).isTrue();
    String secret = json(created).get("key").get("secret").asText();
    assertThat(header(send("GET", "/v1/workspace/config", secret, null), "X-Config-Version"))
        .isEqualTo("0");
  }

  @Test
  void createWorkspace_ofAnExistingId_is409_andChangesNothing() {
    String id = "twice-" + unique();
    String first = createWorkspace(id);
    ApiResponse again =
        send(
            "POST",
            "/v1/workspaces",
            platformKey,
            "{\"id\":\"" + id + "\",\"name\":\"second\",\"config\":{\"rules\":[]}}");

    assertError(again, 409, "already_exists", "id");
    assertThat(json(send("GET", "/v1/workspaces/" + id, platformKey, null)).get("name").isNull())
        .isTrue();
    assertThat(header(send("GET", "/v1/workspace/config", first, null), "X-Config-Version"))
        .isEqualTo("0");
    assertThat(json(send("GET", "/v1/keys", first, null)).get("data")).hasSize(1);
  }

  @Test
  void createWorkspace_refusesBadBodies_namingTheField() {
    String id = "bad-" + unique();
    assertError(create("{}"), 400, "invalid_payload", "id");
    assertError(create("{\"id\":7}"), 400, "invalid_payload", "id");
    assertError(create("{\"id\":\"has space\"}"), 400, "invalid_payload", "id");
    assertError(create("{\"id\":\"" + "x".repeat(65) + "\"}"), 400, "invalid_payload", "id");
    assertError(create("{\"id\":\"" + id + "\",\"nam\":\"x\"}"), 400, "invalid_payload", "nam");
    assertError(
        create("{\"id\":\"" + id + "\",\"name\":\"" + "n".repeat(101) + "\"}"),
        400,
        "invalid_payload",
        "name");
    for (String hidden : List.of("\\u0000", "\\u200b", "\\u202e", "\\u2028", "\\ud800")) {
      assertError(
          create("{\"id\":\"" + id + "\",\"name\":\"a" + hidden + "b\"}"),
          400,
          "invalid_payload",
          "name");
    }
    assertError(create("{\"id\":\"" + id + "\",\"config\":[]}"), 400, "invalid_payload", "config");
    ApiResponse badRule =
        create(
            "{\"id\":\""
                + id
                + "\",\"config\":{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"x\"},"
                + "\"then\":[{\"score\":{\"points\":\"many\"}}]}]}}");
    assertThat(badRule.status()).isEqualTo(400);
    assertThat(json(badRule).get("error").get("field").asText()).startsWith("config.rules[0]");
    assertError(create("{\"id\":"), 400, "invalid_payload", null);
    assertError(create("[]"), 400, "invalid_payload", null);

    // nothing of the refused requests was made
    assertThat(send("GET", "/v1/workspaces/" + id, platformKey, null).status()).isEqualTo(404);
  }

  @Test
  void createWorkspace_takesAConfigAsDeepAsThePutRouteDoes() {
    String condition = "{\"hasTag\":\"t\"}";
    for (int i = 0; i < 15; i++) {
      condition = "{\"not\":" + condition + "}";
    }
    String config =
        "{\"rules\":[{\"id\":\"deep\",\"when\":{\"event\":\"signup\"},\"if\":"
            + condition
            + ",\"then\":[{\"addTag\":\"d\"}]}]}";
    ApiResponse created = create("{\"id\":\"deep-" + unique() + "\",\"config\":" + config + "}");
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    String admin = json(created).get("key").get("secret").asText();
    ApiResponse put = send("PUT", "/v1/workspace/config", admin, config);
    assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
  }

  @Test
  void createWorkspace_acceptsTheLongestIdAndName() {
    String id = ("max-" + unique() + "x".repeat(64)).substring(0, 64);
    ApiResponse created =
        create("{\"id\":\"" + id + "\",\"name\":\"" + "ñ".repeat(99) + "😀" + "\"}");
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    assertThat(json(created).get("workspace").get("name").asText())
        .isEqualTo("ñ".repeat(99) + "😀");
  }

  @Test
  void listWorkspaces_pagesThroughEveryWorkspaceOnce_orderedById() {
    String prefix = "list-" + unique() + "-";
    List<String> made = new ArrayList<>();
    for (String suffix : List.of("b", "c", "a")) {
      createWorkspace(prefix + suffix);
      made.add(prefix + suffix);
    }
    List<String> all = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 1_000; pages++) {
      ApiResponse page =
          send(
              "GET",
              "/v1/workspaces",
              platformKey,
              null,
              cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
      assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
      JsonNode body = json(page);
      assertThat(body.get("data").size()).isLessThanOrEqualTo(2);
      body.get("data").forEach(w -> all.add(w.get("id").asText()));
      if (body.get("nextCursor").isNull()) {
        break;
      }
      cursor = body.get("nextCursor").asText();
    }
    assertThat(all).isSorted().doesNotHaveDuplicates();
    assertThat(all.stream().filter(w -> w.startsWith(prefix)))
        .containsExactlyElementsOf(made.stream().sorted().toList());
  }

  @Test
  void listWorkspaces_refusesBadPagingParameters() {
    assertError(list("/v1/workspaces", Map.of("limit", "0")), 400, "invalid_payload", "limit");
    assertError(list("/v1/workspaces", Map.of("limit", "201")), 400, "invalid_payload", "limit");
    assertThat(list("/v1/workspaces", Map.of("limit", "200")).status()).isEqualTo(200);
    assertThat(list("/v1/workspaces", Map.of("limit", "1")).status()).isEqualTo(200);
    assertError(
        list("/v1/workspaces", Map.of("cursor", "bm90LWEtY3Vyc29y")),
        400,
        "invalid_payload",
        "cursor");
    assertError(list("/v1/workspaces", Map.of("sort", "id")), 400, "invalid_payload", "sort");
  }

  @Test
  void getWorkspace_ofAnUnknownOrMalformedId_is404() {
    assertError(
        send("GET", "/v1/workspaces/nope-" + unique(), platformKey, null), 404, "not_found", null);
    assertError(
        send("GET", "/v1/workspaces/" + "x".repeat(65), platformKey, null), 404, "not_found", null);
    assertError(send("GET", "/v1/workspaces/a%20b", platformKey, null), 404, "not_found", null);
  }

  @Test
  void workspaceRoutes_needThePlatformScope_whichNoWorkspaceKeyHolds() {
    String id = "scoped-" + unique();
    String admin = createWorkspace(id);
    for (ApiResponse refused :
        List.of(
            send("GET", "/v1/workspaces", admin, null),
            send("GET", "/v1/workspaces/" + id, admin, null),
            send("POST", "/v1/workspaces", admin, "{\"id\":\"other-" + unique() + "\"}"),
            send("POST", "/v1/workspaces", admin, "{\"id\":"))) {
      assertError(refused, 403, "forbidden_scope", null);
    }
    assertThat(send("GET", "/v1/workspaces", "tl_live_not-a-key", null).bodyText())
        .isEqualTo(UNAUTHENTICATED);
    assertThat(send("GET", "/v1/workspaces", null, null).status()).isEqualTo(401);
  }

  // ---- keys ----

  @Test
  void issueKey_answers201_withASecretThatWorksForExactlyItsScopes() {
    String admin = createWorkspace("keys-" + unique());
    ApiResponse issued =
        send(
            "POST",
            "/v1/keys",
            admin,
            "{\"name\":\"reporting\",\"scopes\":[\"events:read\"],"
                + "\"rateLimit\":{\"perSecond\":5,\"burst\":20}}");

    assertThat(issued.status()).as(issued.bodyText()).isEqualTo(201);
    assertThat(header(issued, "Cache-Control")).isEqualTo("no-store");
    JsonNode key = json(issued);
    String secret = key.get("secret").asText();
    assertThat(key.get("name").asText()).isEqualTo("reporting");
    assertThat(texts(key.get("scopes"))).containsExactly("events:read");
    assertThat(key.get("rateLimit").get("perSecond").asDouble()).isEqualTo(5);
    assertThat(key.get("rateLimit").get("burst").asLong()).isEqualTo(20);
    assertThat(key.get("hint").asText()).isEqualTo(secret.substring(secret.length() - 4));

    assertThat(send("GET", "/v1/events", secret, null).status()).isEqualTo(200);
    assertError(send("POST", "/v1/events", secret, EVENT), 403, "forbidden_scope", null);
    assertError(send("GET", "/v1/keys", secret, null), 403, "forbidden_scope", null);
  }

  @Test
  void issueKey_withoutARateLimit_getsTheDefault_andABurstDefaultsToTwiceTheRate() {
    String admin = createWorkspace("rates-" + unique());
    JsonNode plain = json(send("POST", "/v1/keys", admin, "{\"scopes\":[\"events:write\"]}"));
    assertThat(plain.get("name").isNull()).isTrue();
    assertThat(plain.get("rateLimit").get("perSecond").asDouble())
        .isEqualTo(RateLimit.DEFAULT.perSecond());
    assertThat(plain.get("rateLimit").get("burst").asLong()).isEqualTo(RateLimit.DEFAULT.burst());
    JsonNode rated =
        json(
            send(
                "POST",
                "/v1/keys",
                admin,
                "{\"scopes\":[\"events:write\"],\"rateLimit\":{\"perSecond\":0.5}}"));
    assertThat(rated.get("rateLimit").get("perSecond").asDouble()).isEqualTo(0.5);
    assertThat(rated.get("rateLimit").get("burst").asLong()).isEqualTo(1);
  }

  @Test
  void anIssuedKeysRateLimitApplies() {
    String admin = createWorkspace("limited-" + unique());
    String secret =
        json(send(
                "POST",
                "/v1/keys",
                admin,
                "{\"scopes\":[\"events:read\"],\"rateLimit\":{\"perSecond\":0.001,\"burst\":2}}"))
            .get("secret")
            .asText();
    assertThat(send("GET", "/v1/events", secret, null).status()).isEqualTo(200);
    assertThat(send("GET", "/v1/events", secret, null).status()).isEqualTo(200);
    ApiResponse limited = send("GET", "/v1/events", secret, null);
    assertError(limited, 429, "rate_limited", null);
    assertThat(Long.parseLong(header(limited, "Retry-After"))).isPositive();
  }

  @Test
  void issueKey_refusesScopesTheCallerCannotGrant() {
    String admin = createWorkspace("grant-" + unique());
    assertError(
        send("POST", "/v1/keys", admin, "{\"scopes\":[\"platform\"]}"),
        403,
        "forbidden_scope",
        "scopes");
    assertError(
        send("POST", "/v1/keys", platformKey, "{\"scopes\":[\"events:read\",\"platform\"]}"),
        403,
        "forbidden_scope",
        "scopes");

    String readerAdmin =
        json(send("POST", "/v1/keys", admin, "{\"scopes\":[\"admin\",\"events:read\"]}"))
            .get("secret")
            .asText();
    assertError(
        send("POST", "/v1/keys", readerAdmin, "{\"scopes\":[\"events:write\"]}"),
        403,
        "forbidden_scope",
        "scopes");
    assertThat(send("POST", "/v1/keys", readerAdmin, "{\"scopes\":[\"events:read\"]}").status())
        .isEqualTo(201);

    String writer =
        json(send("POST", "/v1/keys", admin, "{\"scopes\":[\"events:write\"]}"))
            .get("secret")
            .asText();
    assertError(
        send("POST", "/v1/keys", writer, "{\"scopes\":[\"events:write\"]}"),
        403,
        "forbidden_scope",
        null);
    assertError(send("POST", "/v1/keys", writer, "{\"scopes\":"), 403, "forbidden_scope", null);
    assertThat(json(send("GET", "/v1/keys", admin, null)).get("data")).hasSize(4);
  }

  @Test
  void issueKey_refusesBadBodies_namingTheField_atAndPastEachBound() {
    String admin = createWorkspace("bounds-" + unique());
    assertError(issue(admin, "{}"), 400, "invalid_payload", "scopes");
    assertError(issue(admin, "{\"scopes\":[]}"), 400, "invalid_payload", "scopes");
    assertError(issue(admin, "{\"scopes\":\"admin\"}"), 400, "invalid_payload", "scopes");
    assertError(
        issue(admin, "{\"scopes\":[\"events:read\",\"everything\"]}"),
        400,
        "invalid_payload",
        "scopes[1]");
    assertError(issue(admin, "{\"scopes\":[7]}"), 400, "invalid_payload", "scopes[0]");
    assertThat(issue(admin, "{\"scopes\":" + repeatedScopes(16) + "}").status()).isEqualTo(201);
    assertError(
        issue(admin, "{\"scopes\":" + repeatedScopes(17) + "}"), 400, "invalid_payload", "scopes");
    assertThat(issue(admin, scoped("\"name\":\"" + "n".repeat(100) + "\"")).status())
        .isEqualTo(201);
    assertError(
        issue(admin, scoped("\"name\":\"" + "n".repeat(101) + "\"")),
        400,
        "invalid_payload",
        "name");
    assertError(issue(admin, scoped("\"name\":5")), 400, "invalid_payload", "name");
    assertError(issue(admin, scoped("\"secret\":\"mine\"")), 400, "invalid_payload", "secret");
    assertThat(issue(admin, rate("\"perSecond\":10000,\"burst\":100000")).status()).isEqualTo(201);
    assertError(
        issue(admin, rate("\"perSecond\":10000.5")), 400, "invalid_payload", "rateLimit.perSecond");
    assertError(
        issue(admin, rate("\"perSecond\":0")), 400, "invalid_payload", "rateLimit.perSecond");
    assertError(
        issue(admin, rate("\"perSecond\":-1")), 400, "invalid_payload", "rateLimit.perSecond");
    assertError(
        issue(admin, rate("\"perSecond\":\"9\"")), 400, "invalid_payload", "rateLimit.perSecond");
    assertError(issue(admin, rate("\"burst\":5")), 400, "invalid_payload", "rateLimit.perSecond");
    assertError(
        issue(admin, rate("\"perSecond\":1,\"burst\":100001")),
        400,
        "invalid_payload",
        "rateLimit.burst");
    assertError(
        issue(admin, rate("\"perSecond\":1,\"burst\":0")),
        400,
        "invalid_payload",
        "rateLimit.burst");
    assertError(
        issue(admin, rate("\"perSecond\":1,\"burst\":1.5")),
        400,
        "invalid_payload",
        "rateLimit.burst");
    assertError(
        issue(admin, rate("\"perSecond\":1,\"per\":1")), 400, "invalid_payload", "rateLimit.per");
    assertError(issue(admin, scoped("\"rateLimit\":100")), 400, "invalid_payload", "rateLimit");
  }

  @Test
  void aWorkspaceHoldsAtMost100LiveKeys_andARevocationMakesRoom() {
    String admin = createWorkspace("many-" + unique());
    String last = null;
    for (int live = 1; live < 100; live++) {
      ApiResponse issued = issue(admin, "{\"scopes\":[\"events:read\"]}");
      assertThat(issued.status()).as("key %d", live + 1).isEqualTo(201);
      last = json(issued).get("id").asText();
    }
    assertError(issue(admin, "{\"scopes\":[\"events:read\"]}"), 409, "limit_reached", null);
    assertThat(send("DELETE", "/v1/keys/" + last, admin, null).status()).isEqualTo(200);
    assertThat(issue(admin, "{\"scopes\":[\"events:read\"]}").status()).isEqualTo(201);
  }

  @Test
  void listKeys_showsEveryFieldButNeverASecretOrItsHash_pagedById() {
    String admin = createWorkspace("listed-" + unique());
    List<String> secrets = new ArrayList<>(List.of(admin));
    for (int i = 0; i < 3; i++) {
      secrets.add(
          json(issue(admin, "{\"name\":\"k" + i + "\",\"scopes\":[\"events:read\"]}"))
              .get("secret")
              .asText());
    }
    List<JsonNode> listed = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 10; pages++) {
      ApiResponse page =
          list(
              "/v1/keys",
              cursor == null ? Map.of("limit", "3") : Map.of("limit", "3", "cursor", cursor),
              admin);
      assertThat(page.status()).isEqualTo(200);
      for (String secret : secrets) {
        assertThat(page.bodyText())
            .doesNotContain(secret)
            .doesNotContain(ApiKeySecrets.hash(secret));
      }
      json(page).get("data").forEach(listed::add);
      if (json(page).get("nextCursor").isNull()) {
        break;
      }
      cursor = json(page).get("nextCursor").asText();
    }
    assertThat(listed).hasSize(4);
    assertThat(listed.stream().map(k -> k.get("id").asText()).toList())
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(
            secrets.stream().map(ApiKeySecrets::publicId).toList());
    for (JsonNode k : listed) {
      assertThat(fieldNames(k))
          .containsExactly("id", "name", "scopes", "rateLimit", "createdAt", "revoked", "hint");
      String secret =
          secrets.stream()
              .filter(s -> ApiKeySecrets.publicId(s).equals(k.get("id").asText()))
              .findFirst()
              .orElseThrow();
      assertThat(k.get("hint").asText()).isEqualTo(secret.substring(secret.length() - 4));
    }
    assertError(list("/v1/keys", Map.of("limit", "201"), admin), 400, "invalid_payload", "limit");
    assertError(
        list("/v1/keys", Map.of("cursor", "bm90LWEtY3Vyc29y"), admin),
        400,
        "invalid_payload",
        "cursor");
  }

  @Test
  void revokeKey_answersTheRevokedKey_andTheKeyGetsTheUnknownKeysAnswerFromItsNextRequest() {
    String admin = createWorkspace("revoke-" + unique());
    JsonNode issued = json(issue(admin, "{\"scopes\":[\"events:read\"]}"));
    String secret = issued.get("secret").asText();
    String id = issued.get("id").asText();
    assertThat(send("GET", "/v1/events", secret, null).status()).isEqualTo(200);

    ApiResponse revoked = send("DELETE", "/v1/keys/" + id, admin, null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(json(revoked).get("revoked").asBoolean()).isTrue();
    assertThat(json(revoked).has("secret")).isFalse();

    ApiResponse refused = send("GET", "/v1/events", secret, null);
    ApiResponse unknown = send("GET", "/v1/events", ApiKeySecrets.generate(), null);
    assertThat(refused.status()).isEqualTo(401).isEqualTo(unknown.status());
    assertThat(refused.bodyText()).isEqualTo(UNAUTHENTICATED).isEqualTo(unknown.bodyText());
    assertThat(refused.headers()).isEqualTo(unknown.headers());

    assertThat(send("DELETE", "/v1/keys/" + id, admin, null).status()).isEqualTo(200);
    JsonNode listed = json(send("GET", "/v1/keys", admin, null)).get("data");
    assertThat(listed.findValues("revoked").stream().filter(JsonNode::asBoolean)).hasSize(1);
  }

  @Test
  void revokeKey_ofAnUnknownOrMalformedId_is404_andNeedsAdmin() {
    String admin = createWorkspace("revoke404-" + unique());
    assertError(send("DELETE", "/v1/keys/key_000000000000", admin, null), 404, "not_found", null);
    assertError(
        send("DELETE", "/v1/keys/" + "k".repeat(2000), admin, null), 404, "not_found", null);
    String reader = json(issue(admin, "{\"scopes\":[\"events:read\"]}")).get("secret").asText();
    assertError(
        send("DELETE", "/v1/keys/" + ApiKeySecrets.publicId(admin), reader, null),
        403,
        "forbidden_scope",
        null);
    assertThat(send("GET", "/v1/events", admin, null).status()).isEqualTo(200);
  }

  @Test
  void aWorkspaceKeyNeverSeesOrChangesAnotherWorkspacesKeys() {
    String adminA = createWorkspace("cross-a-" + unique());
    String adminB = createWorkspace("cross-b-" + unique());
    String readerB = json(issue(adminB, "{\"scopes\":[\"events:read\"]}")).get("secret").asText();

    ApiResponse revokeB =
        send("DELETE", "/v1/keys/" + ApiKeySecrets.publicId(readerB), adminA, null);
    assertError(revokeB, 404, "not_found", null);
    assertThat(send("GET", "/v1/events", readerB, null).status()).isEqualTo(200);
    assertError(
        send("DELETE", "/v1/keys/" + ApiKeySecrets.publicId(adminB), adminA, null),
        404,
        "not_found",
        null);
    assertThat(send("GET", "/v1/keys", adminB, null).status()).isEqualTo(200);

    String listedByA = send("GET", "/v1/keys", adminA, null).bodyText();
    assertThat(listedByA)
        .doesNotContain(ApiKeySecrets.publicId(readerB))
        .doesNotContain(ApiKeySecrets.publicId(adminB));
    assertThat(json(send("GET", "/v1/keys", adminA, null)).get("data")).hasSize(1);

    // a key issued by A works in A only
    String writerA =
        json(issue(adminA, "{\"scopes\":[\"events:write\",\"events:read\"]}"))
            .get("secret")
            .asText();
    String contactA = json(send("POST", "/v1/events", writerA, EVENT)).get("customerId").asText();
    assertError(send("GET", "/v1/contacts/" + contactA, adminB, null), 404, "not_found", null);
    assertThat(json(send("GET", "/v1/events", adminB, null)).get("data")).isEmpty();
  }

  // ---- helpers ----

  private String createWorkspace(String id) {
    ApiResponse created = create("{\"id\":\"" + id + "\"}");
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return json(created).get("key").get("secret").asText();
  }

  private ApiResponse create(String body) {
    return send("POST", "/v1/workspaces", platformKey, body);
  }

  private ApiResponse issue(String key, String body) {
    return send("POST", "/v1/keys", key, body);
  }

  private ApiResponse list(String path, Map<String, String> query) {
    return send("GET", path, platformKey, null, query);
  }

  private ApiResponse list(String path, Map<String, String> query, String key) {
    return send("GET", path, key, null, query);
  }

  private static String scoped(String fields) {
    return "{\"scopes\":[\"events:read\"]," + fields + "}";
  }

  private static String rate(String fields) {
    return scoped("\"rateLimit\":{" + fields + "}");
  }

  private static String repeatedScopes(int n) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add("\"events:read\"");
    }
    return "[" + String.join(",", entries) + "]";
  }

  private ApiResponse send(String method, String path, String key, String body) {
    return send(method, path, key, body, Map.of());
  }

  private ApiResponse send(
      String method, String path, String key, String body, Map<String, String> query) {
    Map<String, String> headers = new TreeMap<>();
    if (key != null) {
      headers.put("X-API-Key", key);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    Map<String, List<String>> q = new TreeMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return target.send(
        new ApiRequest(
            method,
            path,
            q,
            headers,
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertError(ApiResponse response, int status, String code, String field) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).as(response.bodyText()).isEqualTo(code);
    if (field != null) {
      assertThat(error.path("field").asText()).as(response.bodyText()).isEqualTo(field);
    }
  }

  private static String header(ApiResponse response, String name) {
    return response.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static JsonNode json(ApiResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.bodyText(), e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @SuppressWarnings("unused")
  private static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }
}
