package dev.touchline.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile corpus ({@code src/main/resources/hostile/*.json}, listed in {@code index.txt}) run
 * against a target: every case must get exactly its expected status, code, field (and per-item
 * results for a batch); no answer may be a 5xx, name a Java type or package, or carry a message or
 * field past its cap; and after every case the target still accepts a valid event. Each runtime
 * extends it and supplies only {@link #target()} and the transport it speaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileSuite {
  /** A Java type or package, or a parser's vocabulary, in an answer. */
  public static final Pattern INTERNALS =
      Pattern.compile(
          "\\b(java|javax|jdk|sun|com\\.fasterxml|io\\.micronaut|io\\.netty|dev\\.touchline"
              + "|software\\.amazon|org\\.[a-z]+)\\.[A-Za-z_]"
              + "|\\b[A-Z][A-Za-z]*(Exception|Error)\\b"
              + "|REDACTED|StreamReadFeature|JsonReadFeature|Source: |`");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger workspaces = new AtomicInteger();
  private ScenarioTarget target;

  /**
   * The workspace of the {@code n}th case run (from 1): each case has its own, so a target that
   * must know its workspaces ahead (a queue consumer serves a fixed list) can list them.
   */
  public static WorkspaceId workspace(int n) {
    return new WorkspaceId("hostile-" + n);
  }

  /** The target every case is sent to (one for the whole corpus; each case has a workspace). */
  protected abstract ScenarioTarget target();

  /** Whether requests travel over real HTTP (cases marked {@code "only": "http"} need it). */
  protected abstract boolean overHttp();

  @TestFactory
  Stream<DynamicTest> hostileCorpus() {
    target = target();
    return all().stream()
        .filter(c -> c.onlyOver().isEmpty() || overHttp())
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
  }

  @AfterAll
  void closeTarget() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private void run(HostileCase c) {
    WorkspaceId workspace = workspace(workspaces.incrementAndGet());
    String key =
        target.registerKey(workspace, EnumSet.allOf(Scope.class), new RateLimit(10_000, 10_000));
    check(c, key);
    int step = 0;
    for (JsonNode followUp : c.spec().path("followUps")) {
      check(new HostileCase(c.file(), c.name() + " / step " + ++step, c.onlyOver(), followUp), key);
    }
    assertStillServes(key, c);
  }

  private void check(HostileCase c, String key) {
    ApiRequest request = c.request(key);
    ApiResponse response = target.send(request);
    String body = new String(response.body(), StandardCharsets.UTF_8);
    JsonNode expect = c.expect();
    assertThat(response.status()).as("%s: status (answer %s)", c, body).isLessThan(500);
    assertThat(response.status())
        .as("%s: status (answer %s)", c, body)
        .isEqualTo(expect.path("status").asInt());
    assertThat(INTERNALS.matcher(body).find()).as("%s: internals in %s", c, body).isFalse();
    if (expect.has("allow")) {
      String allow =
          response.headers().entrySet().stream()
              .filter(h -> h.getKey().equalsIgnoreCase("Allow"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      assertThat(allow).as(c + ": Allow").isEqualTo(expect.get("allow").asText());
    }
    if (!request.method().equals("HEAD")) {
      JsonNode answer = parse(body, c);
      checkCaps(answer, c);
      if (expect.has("code")) {
        checkError(answer.path("error"), expect, c + ": error");
      }
      if (expect.has("items")) {
        checkItems(answer.path("results"), expect.get("items"), c);
      }
      for (JsonNode absent : expect.path("bodyNotContains")) {
        assertThat(body)
            .as(c + ": echoes input")
            .doesNotContain(HostileCase.expand(absent.asText(), key));
      }
      if (expect.has("answer")) {
        expect
            .get("answer")
            .fields()
            .forEachRemaining(
                e ->
                    assertThat(answer.path(e.getKey()))
                        .as("%s: %s in %s", c, e.getKey(), body)
                        .isEqualTo(e.getValue()));
      }
    }
  }

  private static void checkError(JsonNode error, JsonNode expect, String what) {
    assertThat(error.path("code").asText())
        .as(what + " code in " + error)
        .isEqualTo(expect.get("code").asText());
    if (expect.has("field")) {
      assertThat(error.path("field").asText(null))
          .as(what + " field in " + error)
          .isEqualTo(expect.get("field").isNull() ? null : expect.get("field").asText());
    }
    if (expect.has("fieldStartsWith")) {
      assertThat(error.path("field").asText(""))
          .as(what + " field in " + error)
          .startsWith(expect.get("fieldStartsWith").asText());
    }
    JsonNode contains = expect.path("messageContains");
    Iterator<JsonNode> parts =
        contains.isArray() ? contains.elements() : List.of(contains).iterator();
    while (parts.hasNext()) {
      JsonNode part = parts.next();
      if (!part.isMissingNode()) {
        assertThat(error.path("message").asText()).as(what + " message").contains(part.asText());
      }
    }
  }

  private static void checkItems(JsonNode results, JsonNode expected, HostileCase c) {
    assertThat(results.size()).as(c + ": results").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got = results.get(i);
      String what = c + ": item " + i + " " + got;
      if (want.has("status")) {
        assertThat(got.path("status").asText()).as(what).isEqualTo(want.get("status").asText());
      } else {
        assertThat(got.path("index").asInt(-1)).as(what).isEqualTo(i);
        checkError(got.path("error"), want, what);
      }
    }
  }

  /** Every message at most 1,024 characters, every field at most 256, wherever they appear. */
  private static void checkCaps(JsonNode node, HostileCase c) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("message") && e.getValue().isTextual()) {
                  assertThat(e.getValue().asText().length())
                      .as(c + ": message length")
                      .isLessThanOrEqualTo(1024);
                }
                if (e.getKey().equals("field") && e.getValue().isTextual()) {
                  assertThat(e.getValue().asText().length())
                      .as(c + ": field length")
                      .isLessThanOrEqualTo(256);
                }
                checkCaps(e.getValue(), c);
              });
    } else if (node.isArray()) {
      node.forEach(n -> checkCaps(n, c));
    }
  }

  private void assertStillServes(String key, HostileCase c) {
    ApiResponse next =
        postEvents(
            target,
            key,
            ("{\"event\":\"after_hostile\",\"email\":\"next-"
                    + workspaces.get()
                    + "@example.com\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(next.status())
        .as("%s: the next valid event (%s)", c, new String(next.body(), StandardCharsets.UTF_8))
        .isEqualTo(201);
  }

  /** {@code POST /v1/events} with {@code body}, authenticated with {@code key}. */
  static ApiResponse postEvents(ScenarioTarget target, String key, byte[] body) {
    return target.send(
        new ApiRequest(
            "POST",
            "/v1/events",
            Map.of(),
            Map.of("X-API-Key", key, "Content-Type", "application/json"),
            body));
  }

  private static JsonNode parse(String body, HostileCase c) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(c + ": the answer is not JSON: " + body, e);
    }
  }

  /** Every case of the corpus, in file order. */
  public static List<HostileCase> all() {
    List<HostileCase> cases = new ArrayList<>();
    for (String file :
        read("hostile/index.txt")
            .lines()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList()) {
      try {
        cases.addAll(HostileCase.from(file, JSON.readTree(read("hostile/" + file))));
      } catch (IOException e) {
        throw new UncheckedIOException(file, e);
      }
    }
    return cases;
  }

  private static String read(String resource) {
    try (InputStream in = HostileSuite.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
