package dev.touchline.testkit.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a conformance scenario against a target: sets the workspace configuration, sends each
 * request as the named caller, checks status, headers and body (a subset match), captures values
 * for later steps, and finally checks the delivered triggers.
 *
 * <p>Expected bodies match as subsets: every expected key must be present and match; arrays match
 * element by element and in length. Special strings: {@code <any>} (present, not null), {@code
 * <absent>} (the key must be missing), {@code <ulid>}, {@code {{name}}} (a captured value). In
 * request bodies, {@code {"$repeat": {"count": n, "item": x}}} expands to an array and {@code
 * {"$string": {"repeat": "ab", "count": n}}} to a long string.
 */
public final class ScenarioRunner {
  /** Where every target's clock starts. */
  public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern VAR = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

  private final ScenarioTarget target;
  private final Scenario scenario;
  private final WorkspaceId workspace =
      new WorkspaceId("sc-" + UUID.randomUUID().toString().substring(0, 12));
  private final WorkspaceId otherWorkspace =
      new WorkspaceId("sc-" + UUID.randomUUID().toString().substring(0, 12));
  private final Map<String, String> callers = new HashMap<>();
  private final Map<String, String> vars = new HashMap<>();

  private ScenarioRunner(ScenarioTarget target, Scenario scenario) {
    this.target = target;
    this.scenario = scenario;
  }

  /** Runs one scenario; throws {@link AssertionError} naming the step and the mismatch. */
  public static void run(Scenario scenario, ScenarioTarget target) {
    new ScenarioRunner(target, scenario).run();
  }

  private void run() {
    Set<Scope> all = EnumSet.allOf(Scope.class);
    callers.put("admin", target.registerKey(workspace, all, RateLimit.DEFAULT));
    callers.put(
        "writer", target.registerKey(workspace, EnumSet.of(Scope.EVENTS_WRITE), RateLimit.DEFAULT));
    callers.put(
        "reader",
        target.registerKey(
            workspace, EnumSet.of(Scope.EVENTS_READ, Scope.CONTACTS_READ), RateLimit.DEFAULT));
    callers.put("other", target.registerKey(otherWorkspace, all, RateLimit.DEFAULT));
    callers.put("limited", target.registerKey(workspace, all, new RateLimit(3, 0.5)));
    String revoked = target.registerKey(workspace, all, RateLimit.DEFAULT);
    target.revokeKey(workspace, revoked);
    callers.put("revoked", revoked);
    callers.put("unknown", ApiKeySecrets.generate()); // well-formed, never registered
    callers.put("malformed", "not-a-key");
    vars.put("workspace", workspace.value());

    JsonNode doc = scenario.document();
    if (doc.has("config")) {
      ApiResponse r =
          send("admin", "PUT", "/v1/workspace/config", Map.of(), bytes(doc.get("config")));
      if (r.status() != 200) {
        fail("config", "the scenario's configuration was refused: " + r.bodyText());
      }
    }
    JsonNode steps = doc.path("steps");
    for (int i = 0; i < steps.size(); i++) {
      step(i, steps.get(i));
    }
    if (doc.has("expectTriggers")) {
      checkTriggers(doc.get("expectTriggers"));
    }
  }

  private void step(int index, JsonNode step) {
    String where =
        "step " + index + (step.has("note") ? " (" + step.get("note").asText() + ")" : "");
    if (step.has("advance")) {
      target.advanceClock(Duration.parse(step.get("advance").asText()));
      return;
    }
    JsonNode req = step.get("request");
    if (req == null) {
      fail(where, "a step needs request or advance");
    }
    String as = req.path("as").asText("admin");
    Map<String, String> headers = new LinkedHashMap<>();
    req.path("headers")
        .fields()
        .forEachRemaining(e -> headers.put(e.getKey(), substitute(e.getValue().asText())));
    byte[] body;
    if (req.has("rawBody")) {
      body = substitute(req.get("rawBody").asText()).getBytes(StandardCharsets.UTF_8);
    } else if (req.has("body")) {
      body = bytes(expand(req.get("body")));
    } else {
      body = new byte[0];
    }
    int repeat = step.path("repeat").asInt(1);
    ApiResponse response = null;
    for (int n = 0; n < repeat; n++) {
      response =
          send(
              as,
              req.path("method").asText("GET"),
              substitute(req.path("path").asText()),
              headers,
              body);
    }
    ApiResponse last = response;
    JsonNode expect = step.path("expect");
    JsonNode actual = parse(response);
    if (expect.has("status") && expect.get("status").asInt() != response.status()) {
      fail(
          where,
          "expected status "
              + expect.get("status").asInt()
              + " but got "
              + response.status()
              + ": "
              + response.bodyText());
    }
    if (expect.has("headers")) {
      Iterator<Map.Entry<String, JsonNode>> it = expect.get("headers").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String value =
            response.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        match(
            where,
            "header " + e.getKey(),
            e.getValue(),
            value == null ? null : TextNode.valueOf(value),
            response);
      }
    }
    if (expect.has("body")) {
      match(where, "$", expect.get("body"), actual, response);
    }
    step.path("capture")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode value = at(actual, e.getValue().asText());
              if (value == null || value.isNull()) {
                fail(
                    where,
                    "nothing to capture at " + e.getValue().asText() + " in " + last.bodyText());
              }
              vars.put(e.getKey(), value.isTextual() ? value.textValue() : value.toString());
            });
  }

  private ApiResponse send(
      String as, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (as.equals("bearer")) {
      h.put("Authorization", "Bearer " + callers.get("admin"));
    } else if (!as.equals("none")) {
      String key = callers.get(as);
      if (key == null) {
        fail("request", "unknown caller '" + as + "'");
      }
      h.put("X-API-Key", key);
    }
    h.putIfAbsent("Content-Type", "application/json");
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v =
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return target.send(new ApiRequest(method, path, query, h, body));
  }

  private void checkTriggers(JsonNode expected) {
    List<Trigger> delivered = target.deliveredTriggers(workspace);
    ArrayNode actual = NODES.arrayNode();
    for (Trigger t : delivered) {
      ObjectNode n = actual.addObject();
      n.put("workflow", t.workflow());
      n.put("contactId", t.contactId().value());
      n.put("eventId", t.eventId().value());
      n.put("ruleId", t.ruleId());
      n.put("cause", t.cause());
      n.put("triggerId", t.id());
    }
    match("expectTriggers", "$", expected, actual, null);
  }

  private void match(
      String where, String path, JsonNode expected, JsonNode actual, ApiResponse response) {
    if (expected.isTextual()) {
      String e = expected.textValue();
      if (e.equals("<absent>")) {
        if (actual != null && !actual.isMissingNode()) {
          mismatch(where, path, "to be absent", actual, response);
        }
        return;
      }
      if (actual == null || actual.isMissingNode()) {
        mismatch(where, path, expected.toString(), null, response);
      }
      if (e.equals("<any>")) {
        if (actual.isNull()) {
          mismatch(where, path, "a value", actual, response);
        }
        return;
      }
      if (e.equals("<ulid>")) {
        if (!actual.isTextual() || !ULID.matcher(actual.textValue()).matches()) {
          mismatch(where, path, "a ULID", actual, response);
        }
        return;
      }
      String want = substitute(e);
      if (!actual.isTextual() || !actual.textValue().equals(want)) {
        mismatch(where, path, "\"" + want + "\"", actual, response);
      }
      return;
    }
    if (actual == null || actual.isMissingNode()) {
      mismatch(where, path, expected.toString(), null, response);
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        mismatch(where, path, "an object", actual, response);
      }
      expected
          .fields()
          .forEachRemaining(
              e ->
                  match(
                      where,
                      path + "." + e.getKey(),
                      e.getValue(),
                      actual.get(e.getKey()),
                      response));
      return;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        mismatch(where, path, "an array of " + expected.size() + " items", actual, response);
      }
      for (int i = 0; i < expected.size(); i++) {
        match(where, path + "[" + i + "]", expected.get(i), actual.get(i), response);
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        mismatch(where, path, expected.toString(), actual, response);
      }
      return;
    }
    if (!expected.equals(actual)) {
      mismatch(where, path, expected.toString(), actual, response);
    }
  }

  private void mismatch(
      String where, String path, String expected, JsonNode actual, ApiResponse response) {
    fail(
        where,
        "at "
            + path
            + " expected "
            + expected
            + " but was "
            + actual
            + (response == null
                ? ""
                : "\n  response " + response.status() + ": " + response.bodyText()));
  }

  private void fail(String where, String message) {
    throw new AssertionError(scenario + " — " + where + ": " + message);
  }

  private JsonNode expand(JsonNode node) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("$repeat")) {
        JsonNode spec = node.get("$repeat");
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < spec.get("count").asInt(); i++) {
          out.add(expand(substituteIndex(spec.get("item"), i)));
        }
        return out;
      }
      if (node.size() == 1 && node.has("$string")) {
        JsonNode spec = node.get("$string");
        return TextNode.valueOf(spec.get("repeat").asText().repeat(spec.get("count").asInt()));
      }
      ObjectNode out = NODES.objectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), expand(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(n -> out.add(expand(n)));
      return out;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.textValue()));
    }
    return node;
  }

  private static JsonNode substituteIndex(JsonNode item, int i) {
    try {
      return MAPPER.readTree(item.toString().replace("{{i}}", Integer.toString(i)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String substitute(String text) {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        fail("substitution", "no captured value named " + m.group(1));
      }
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              text.startsWith("/") || text.contains("?")
                  ? URLEncoder.encode(value, StandardCharsets.UTF_8)
                  : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode current = root;
    for (String part : path.split("\\.")) {
      Matcher idx = Pattern.compile("([^\\[]*)\\[(\\d+)]").matcher(part);
      if (idx.matches()) {
        if (!idx.group(1).isEmpty()) {
          current = current.path(idx.group(1));
        }
        current = current.path(Integer.parseInt(idx.group(2)));
      } else {
        current = current.path(part);
      }
    }
    return current.isMissingNode() ? null : current;
  }

  private static JsonNode parse(ApiResponse response) {
    if (response.body().length == 0) {
      return NODES.missingNode();
    }
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      return TextNode.valueOf(response.bodyText());
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
