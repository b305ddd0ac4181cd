package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchline.core.domain.contact.LifecycleStages;
import dev.touchline.core.domain.dedup.BotPolicy;
import dev.touchline.core.domain.dedup.BusinessKey;
import dev.touchline.core.domain.dedup.DedupPolicy;
import dev.touchline.core.domain.dedup.Throttle;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.rule.Action;
import dev.touchline.core.domain.rule.Condition;
import dev.touchline.core.domain.rule.Operator;
import dev.touchline.core.domain.rule.Rule;
import dev.touchline.core.domain.rule.ValueSource;
import dev.touchline.core.domain.segment.Segment;
import dev.touchline.core.domain.value.ConfigDurations;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.IdentityPolicy;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.domain.workspace.UnknownContactPolicy;
import dev.touchline.core.domain.workspace.Vocabulary;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceConfigParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses workspace configuration documents (the README's *Workspace configuration*) into typed
 * values, refusing anything unknown or malformed with the rule id and JSON path of the fault.
 * Fields left out take the default configuration's values.
 */
public final class JacksonWorkspaceConfigParser implements WorkspaceConfigParser {
  /** The most rules and segments a workspace may have. */
  public static final int MAX_RULES = 1000;

  public static final int MAX_SEGMENTS = 200;

  private static final int MAX_CONDITION_DEPTH = 16;

  /** The longest configuration document, in characters. */
  public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

  /** The deepest a configuration document may nest (JSON levels, the document itself is 1). */
  public static final int MAX_DOCUMENT_DEPTH = 64;

  /** The bound of {@code scoreAtLeast}, {@code scoreBelow} and {@code eventCount.atLeast}. */
  public static final long MAX_THRESHOLD = 1_000_000_000L;

  /** The nesting a literal value (an operand, an attribute value) may have. */
  private static final int MAX_VALUE_DEPTH = 16;

  /** The longest string a configuration may hold. */
  private static final int MAX_STRING_CHARS = 8 * 1024;

  /** The longest event type a vocabulary may declare, as events may carry. */
  private static final int MAX_EVENT_TYPE_CHARS = IngestLimits.DEFAULT.maxTypeLength();

  private final ObjectMapper mapper =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      JsonMappers.bodyConstraints(MAX_DOCUMENT_CHARS, MAX_DOCUMENT_DEPTH))
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Override
  public WorkspaceConfig parse(String document) {
    if (document.length() > MAX_DOCUMENT_CHARS) {
      throw new InvalidConfigException(
          null, "$", "the document is longer than " + MAX_DOCUMENT_CHARS + " characters");
    }
    JsonNode root;
    JsonParser parser = null;
    try {
      parser = mapper.createParser(document);
      root = mapper.readTree(parser);
    } catch (JsonProcessingException e) {
      String where = parser == null ? "$" : path(parser.getParsingContext());
      String message =
          e instanceof StreamConstraintsException && e.getMessage().contains("nesting depth")
              ? "nests deeper than " + MAX_DOCUMENT_DEPTH + " levels"
              : JsonBodies.describe(e);
      throw new InvalidConfigException(null, where, message);
    } catch (IllegalArgumentException numberOutOfRange) {
      throw new InvalidConfigException(
          null,
          parser == null ? "$" : path(parser.getParsingContext()),
          JsonValue.JsonNumber.OUT_OF_RANGE);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail
    }
    if (root == null) {
      throw new InvalidConfigException(null, "$", "the document is empty");
    }
    return new Parse().config(root);
  }

  /** The JSON path ({@code $.rules[2].when}) a parser stood at. */
  private static String path(JsonStreamContext context) {
    List<String> segments = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        segments.add("." + Excerpt.of(c.getCurrentName()));
      }
    }
    StringBuilder out = new StringBuilder("$");
    for (int i = segments.size() - 1; i >= 0; i--) {
      out.append(segments.get(i));
    }
    return out.toString();
  }

  /** One parse; tracks the rule being read so every error names it. */
  private static final class Parse {
    private String ruleId;
    private LifecycleStages stages = LifecycleStages.DEFAULT;
    private final Set<String> segmentIds = new HashSet<>();
    private final List<String[]> segmentReferences = new ArrayList<>(); // {segment, path, ruleId}

    WorkspaceConfig config(JsonNode root) {
      object(
          root, "$", Set.of("identity", "dedup", "rules", "segments", "lifecycle", "vocabulary"));
      IdentityPolicy identity = identity(root.get("identity"), "$.identity");
      DedupPolicy dedup = dedup(root.get("dedup"), "$.dedup");
      stages = lifecycle(root.get("lifecycle"), "$.lifecycle");
      Vocabulary vocabulary = vocabulary(root.get("vocabulary"), "$.vocabulary");
      List<Segment> segments = segments(root.get("segments"), "$.segments");
      List<Rule> rules = rules(root.get("rules"), "$.rules");
      for (String[] ref : segmentReferences) {
        if (!segmentIds.contains(ref[0])) {
          throw new InvalidConfigException(
              ref[2], ref[1], "unknown segment " + Excerpt.quoted(ref[0]));
        }
      }
      return WorkspaceConfig.of(identity, dedup, rules, segments, stages, vocabulary);
    }

    private LifecycleStages lifecycle(JsonNode node, String path) {
      if (absent(node)) {
        return LifecycleStages.DEFAULT;
      }
      object(node, path, Set.of("stages"));
      JsonNode array = array(node.get("stages"), path + ".stages");
      if (array.isEmpty() || array.size() > LifecycleStages.MAX_STAGES) {
        throw fail(path + ".stages", "must list 1 to " + LifecycleStages.MAX_STAGES + " stages");
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        String p = path + ".stages[" + i + "]";
        String name = text(array.get(i), p);
        if (!LifecycleStages.NAME.matcher(name).matches()) {
          throw fail(
              p, "a stage is 1-64 lower-case letters, digits or '_', starting with a letter");
        }
        if (names.contains(name)) {
          throw fail(p, "the stage " + Excerpt.quoted(name) + " is listed twice");
        }
        if (name.equals(LifecycleStages.OTHER) && i != array.size() - 1) {
          throw fail(p, "other is always the last stage");
        }
        names.add(name);
      }
      return LifecycleStages.of(names);
    }

    private Vocabulary vocabulary(JsonNode node, String path) {
      if (absent(node)) {
        return Vocabulary.OPEN;
      }
      object(node, path, Set.of("mode", "events"));
      boolean closed = false;
      if (!absent(node.get("mode"))) {
        String mode = text(node.get("mode"), path + ".mode");
        closed =
            switch (mode) {
              case "open" -> false;
              case "closed" -> true;
              default -> throw fail(path + ".mode", "must be \"open\" or \"closed\"");
            };
      }
      Map<String, Vocabulary.EventSchema> events = new LinkedHashMap<>();
      JsonNode declared = node.get("events");
      if (!absent(declared)) {
        if (!declared.isObject()) {
          throw fail(path + ".events", "must be an object of event types");
        }
        if (declared.size() > Vocabulary.MAX_TYPES) {
          throw fail(path + ".events", "at most " + Vocabulary.MAX_TYPES + " event types");
        }
        Iterator<Map.Entry<String, JsonNode>> types = declared.fields();
        while (types.hasNext()) {
          Map.Entry<String, JsonNode> type = types.next();
          String p = path + ".events." + Excerpt.of(type.getKey());
          if (type.getKey().isBlank() || type.getKey().length() > MAX_EVENT_TYPE_CHARS) {
            throw fail(p, "an event type is 1-" + MAX_EVENT_TYPE_CHARS + " characters");
          }
          events.put(type.getKey(), schema(type.getValue(), p));
        }
      }
      if (closed && events.isEmpty()) {
        throw fail(path + ".events", "a closed vocabulary declares at least one event type");
      }
      return new Vocabulary(closed, events);
    }

    private Vocabulary.EventSchema schema(JsonNode node, String path) {
      object(node, path, Set.of("properties"));
      Map<String, Vocabulary.PropertySpec> properties = new LinkedHashMap<>();
      JsonNode declared = node.get("properties");
      if (!absent(declared)) {
        if (!declared.isObject()) {
          throw fail(path + ".properties", "must be an object of properties");
        }
        if (declared.size() > Vocabulary.MAX_PROPERTIES) {
          throw fail(path + ".properties", "at most " + Vocabulary.MAX_PROPERTIES + " properties");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = declared.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          String p = path + ".properties." + Excerpt.of(field.getKey());
          if (field.getKey().isBlank()) {
            throw fail(p, "a property name must not be blank");
          }
          JsonNode spec = field.getValue();
          object(spec, p, Set.of("type", "required"));
          String type = required(spec, "type", p);
          Vocabulary.PropertyType parsed =
              Vocabulary.PropertyType.fromWireName(type)
                  .orElseThrow(
                      () ->
                          fail(
                              p + ".type",
                              "must be string, number, boolean, timestamp, object or array"));
          boolean required =
              !absent(spec.get("required")) && bool(spec.get("required"), p + ".required");
          properties.put(field.getKey(), new Vocabulary.PropertySpec(parsed, required));
        }
      }
      return new Vocabulary.EventSchema(properties);
    }

    private String stage(JsonNode node, String path) {
      String stage = nonBlank(node, path);
      if (!stages.contains(stage)) {
        throw fail(
            path,
            "unknown lifecycle stage "
                + Excerpt.quoted(stage)
                + "; the stages are "
                + String.join(", ", stages.order()));
      }
      return stage;
    }

    private IdentityPolicy identity(JsonNode node, String path) {
      if (absent(node)) {
        return IdentityPolicy.DEFAULT;
      }
      object(node, path, Set.of("unknownContacts", "defaultRegion"));
      UnknownContactPolicy policy = IdentityPolicy.DEFAULT.unknownContacts();
      if (!absent(node.get("unknownContacts"))) {
        String value = text(node.get("unknownContacts"), path + ".unknownContacts");
        policy =
            switch (value) {
              case "create" -> UnknownContactPolicy.CREATE;
              case "reject" -> UnknownContactPolicy.REJECT;
              default -> throw fail(path + ".unknownContacts", "must be \"create\" or \"reject\"");
            };
      }
      String region = IdentityPolicy.DEFAULT.defaultRegion();
      if (!absent(node.get("defaultRegion"))) {
        region = text(node.get("defaultRegion"), path + ".defaultRegion").toUpperCase(Locale.ROOT);
        if (!IdentifierNormalizer.isSupportedRegion(region)) {
          throw fail(path + ".defaultRegion", "unknown phone region " + Excerpt.quoted(region));
        }
      }
      return new IdentityPolicy(policy, region);
    }

    private DedupPolicy dedup(JsonNode node, String path) {
      DedupPolicy defaults = DefaultWorkspaceConfig.DEDUP;
      if (absent(node)) {
        return defaults;
      }
      object(node, path, Set.of("messageIdWindow", "businessKeys", "throttles", "bots"));
      Duration window =
          absent(node.get("messageIdWindow"))
              ? defaults.messageIdWindow()
              : positive(node.get("messageIdWindow"), path + ".messageIdWindow");
      List<BusinessKey> keys = defaults.businessKeys();
      if (!absent(node.get("businessKeys"))) {
        keys = new ArrayList<>();
        JsonNode array = array(node.get("businessKeys"), path + ".businessKeys");
        for (int i = 0; i < array.size(); i++) {
          String p = path + ".businessKeys[" + i + "]";
          JsonNode k = array.get(i);
          object(k, p, Set.of("event", "property", "window"));
          keys.add(
              new BusinessKey(
                  required(k, "event", p),
                  required(k, "property", p),
                  absent(k.get("window"))
                      ? Optional.empty()
                      : Optional.of(positive(k.get("window"), p + ".window"))));
        }
      }
      List<Throttle> throttles = defaults.throttles();
      if (!absent(node.get("throttles"))) {
        throttles = new ArrayList<>();
        JsonNode array = array(node.get("throttles"), path + ".throttles");
        for (int i = 0; i < array.size(); i++) {
          String p = path + ".throttles[" + i + "]";
          JsonNode t = array.get(i);
          object(t, p, Set.of("event", "window", "perProperty"));
          if (absent(t.get("window"))) {
            throw fail(p + ".window", "is required");
          }
          throttles.add(
              new Throttle(
                  required(t, "event", p),
                  positive(t.get("window"), p + ".window"),
                  absent(t.get("perProperty"))
                      ? Optional.empty()
                      : Optional.of(text(t.get("perProperty"), p + ".perProperty"))));
        }
      }
      BotPolicy bots = defaults.bots();
      if (!absent(node.get("bots"))) {
        String p = path + ".bots";
        JsonNode b = node.get("bots");
        object(b, p, Set.of("enabled", "userAgentMarkers"));
        boolean enabled = absent(b.get("enabled")) || bool(b.get("enabled"), p + ".enabled");
        List<String> markers = BotPolicy.DEFAULT_MARKERS;
        if (!absent(b.get("userAgentMarkers"))) {
          markers = new ArrayList<>();
          JsonNode array = array(b.get("userAgentMarkers"), p + ".userAgentMarkers");
          for (int i = 0; i < array.size(); i++) {
            String marker = text(array.get(i), p + ".userAgentMarkers[" + i + "]");
            if (marker.isBlank()) {
              throw fail(p + ".userAgentMarkers[" + i + "]", "must not be blank");
            }
            markers.add(marker);
          }
        }
        bots = new BotPolicy(enabled, markers);
      }
      return new DedupPolicy(window, keys, throttles, bots);
    }

    private List<Segment> segments(JsonNode node, String path) {
      List<Segment> segments = new ArrayList<>();
      if (absent(node)) {
        return segments;
      }
      JsonNode array = array(node, path);
      if (array.size() > MAX_SEGMENTS) {
        throw fail(path, "at most " + MAX_SEGMENTS + " segments");
      }
      for (int i = 0; i < array.size(); i++) {
        String p = path + "[" + i + "]";
        JsonNode s = array.get(i);
        object(s, p, Set.of("id", "condition"));
        String id = required(s, "id", p);
        ruleId = id;
        if (!segmentIds.add(id)) {
          throw fail(p + ".id", "duplicate segment id " + Excerpt.quoted(id));
        }
        if (absent(s.get("condition"))) {
          throw fail(p + ".condition", "is required");
        }
        Condition condition = condition(s.get("condition"), p + ".condition", 1);
        if (condition.readsEvent()) {
          throw fail(p + ".condition", "a segment cannot test event properties");
        }
        segments.add(new Segment(id, condition));
        ruleId = null;
      }
      return segments;
    }

    private List<Rule> rules(JsonNode node, String path) {
      List<Rule> rules = new ArrayList<>();
      if (absent(node)) {
        return rules;
      }
      JsonNode array = array(node, path);
      if (array.size() > MAX_RULES) {
        throw fail(path, "at most " + MAX_RULES + " rules");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < array.size(); i++) {
        String p = path + "[" + i + "]";
        JsonNode r = array.get(i);
        ruleId = null;
        object(r, p, Set.of("id", "when", "if", "then"));
        String id = required(r, "id", p);
        ruleId = id;
        if (!ids.add(id)) {
          throw fail(p + ".id", "duplicate rule id");
        }
        JsonNode when = r.get("when");
        if (absent(when)) {
          throw fail(p + ".when", "is required");
        }
        object(when, p + ".when", Set.of("event", "where"));
        String eventType = required(when, "event", p + ".when");
        Optional<Condition> where =
            absent(when.get("where"))
                ? Optional.empty()
                : Optional.of(condition(when.get("where"), p + ".when.where", 1));
        Optional<Condition> condition =
            absent(r.get("if"))
                ? Optional.empty()
                : Optional.of(condition(r.get("if"), p + ".if", 1));
        if (condition.isPresent() && condition.get().readsEvent()) {
          throw fail(p + ".if", "\"if\" tests the contact; put event property tests in when.where");
        }
        JsonNode then = r.get("then");
        if (absent(then)) {
          throw fail(p + ".then", "is required");
        }
        JsonNode actionsNode = array(then, p + ".then");
        if (actionsNode.isEmpty()) {
          throw fail(p + ".then", "must hold at least one action");
        }
        List<Action> actions = new ArrayList<>();
        for (int j = 0; j < actionsNode.size(); j++) {
          actions.add(action(actionsNode.get(j), p + ".then[" + j + "]"));
        }
        rules.add(new Rule(id, eventType, where, condition, actions));
      }
      ruleId = null;
      return rules;
    }

    private Action action(JsonNode node, String path) {
      String kind = single(node, path);
      JsonNode v = node.get(kind);
      String p = path + "." + kind;
      switch (kind) {
        case "addTag":
          return new Action.AddTag(nonBlank(v, p));
        case "removeTag":
          return new Action.RemoveTag(nonBlank(v, p));
        case "score":
          if (v.isNumber()) {
            return new Action.Score(points(v, p), false, Optional.empty());
          }
          object(v, p, Set.of("points", "once", "cooldown"));
          long points = points(v.get("points"), p + ".points");
          boolean once = !absent(v.get("once")) && bool(v.get("once"), p + ".once");
          Optional<Duration> cooldown =
              absent(v.get("cooldown"))
                  ? Optional.empty()
                  : Optional.of(positive(v.get("cooldown"), p + ".cooldown"));
          if (once && cooldown.isPresent()) {
            throw fail(p, "once and cooldown exclude each other");
          }
          return new Action.Score(points, once, cooldown);
        case "setAttribute":
          object(v, p, Set.of("name", "value", "fromProperty", "eventTime"));
          String name = required(v, "name", p);
          int sources =
              (v.has("value") ? 1 : 0)
                  + (v.has("fromProperty") ? 1 : 0)
                  + (v.has("eventTime") ? 1 : 0);
          if (sources != 1) {
            throw fail(p, "needs exactly one of value, fromProperty, eventTime");
          }
          if (v.has("value")) {
            JsonNode value = v.get("value");
            if (value.isObject()) {
              throw fail(p + ".value", "an attribute cannot hold an object");
            }
            return new Action.SetAttribute(
                name, new ValueSource.Literal(literal(value, p + ".value")));
          }
          if (v.has("fromProperty")) {
            return new Action.SetAttribute(
                name,
                new ValueSource.FromProperty(nonBlank(v.get("fromProperty"), p + ".fromProperty")));
          }
          if (!bool(v.get("eventTime"), p + ".eventTime")) {
            throw fail(p + ".eventTime", "must be true when given");
          }
          return new Action.SetAttribute(name, new ValueSource.EventTime());
        case "setLifecycle":
          if (v.isTextual()) {
            return new Action.SetLifecycle(stage(v, p), false);
          }
          object(v, p, Set.of("stage", "force"));
          if (absent(v.get("stage"))) {
            throw fail(p + ".stage", "is required");
          }
          return new Action.SetLifecycle(
              stage(v.get("stage"), p + ".stage"),
              !absent(v.get("force")) && bool(v.get("force"), p + ".force"));
        case "trigger":
          if (v.isTextual()) {
            return new Action.Trigger(nonBlank(v, p));
          }
          object(v, p, Set.of("workflow"));
          return new Action.Trigger(required(v, "workflow", p));
        default:
          throw fail(
              path,
              "unknown action '"
                  + Excerpt.of(kind)
                  + "'; expected addTag, removeTag, score, setAttribute, setLifecycle or trigger");
      }
    }

    private Condition condition(JsonNode node, String path, int depth) {
      if (depth > MAX_CONDITION_DEPTH) {
        throw fail(path, "conditions nest deeper than " + MAX_CONDITION_DEPTH);
      }
      if (node == null || !node.isObject()) {
        throw fail(path, "a condition must be an object");
      }
      if (node.has("property") || node.has("attribute")) {
        boolean property = node.has("property");
        String subject = property ? "property" : "attribute";
        String name = nonBlank(node.get(subject), path + "." + subject);
        List<String> ops = new ArrayList<>();
        node.fieldNames()
            .forEachRemaining(
                f -> {
                  if (!f.equals(subject)) ops.add(f);
                });
        if (ops.size() != 1) {
          throw fail(
              path,
              "a "
                  + subject
                  + " condition needs exactly one operator of eq, neq, gt, gte, lt, lte, in, exists, contains");
        }
        String opName = ops.get(0);
        Operator op =
            Operator.fromWireName(opName)
                .orElseThrow(
                    () ->
                        fail(
                            path + "." + Excerpt.of(opName),
                            "unknown operator " + Excerpt.quoted(opName)));
        JsonNode operandNode = node.get(opName);
        String opPath = path + "." + opName; // a known operator name: short
        switch (op) {
          case EXISTS -> bool(operandNode, opPath);
          case IN -> {
            if (!operandNode.isArray()) {
              throw fail(opPath, "in takes an array");
            }
          }
          case GT, GTE, LT, LTE -> {
            if (!operandNode.isNumber() && !operandNode.isTextual()) {
              throw fail(opPath, opName + " takes a number or a string");
            }
          }
          default -> {
            if (operandNode.isObject()) {
              throw fail(opPath, opName + " cannot compare with an object");
            }
          }
        }
        JsonValue operand = literal(operandNode, opPath);
        return property
            ? new Condition.Property(name, op, operand)
            : new Condition.Attribute(name, op, operand);
      }
      String kind = single(node, path);
      JsonNode v = node.get(kind);
      String p = path + "." + kind;
      switch (kind) {
        case "all":
        case "any":
          JsonNode array = array(v, p);
          if (array.isEmpty()) {
            throw fail(p, kind + " needs at least one condition");
          }
          List<Condition> children = new ArrayList<>();
          for (int i = 0; i < array.size(); i++) {
            children.add(condition(array.get(i), p + "[" + i + "]", depth + 1));
          }
          return kind.equals("all") ? new Condition.All(children) : new Condition.Any(children);
        case "not":
          return new Condition.Not(condition(v, p, depth + 1));
        case "hasTag":
          return new Condition.HasTag(nonBlank(v, p));
        case "scoreAtLeast":
          return new Condition.ScoreAtLeast(integer(v, p, -MAX_THRESHOLD, MAX_THRESHOLD));
        case "scoreBelow":
          return new Condition.ScoreBelow(integer(v, p, -MAX_THRESHOLD, MAX_THRESHOLD));
        case "inSegment":
          String segment = nonBlank(v, p);
          segmentReferences.add(new String[] {segment, p, ruleId});
          return new Condition.InSegment(segment);
        case "eventCount":
          object(v, p, Set.of("event", "atLeast"));
          if (absent(v.get("atLeast"))) {
            throw fail(p + ".atLeast", "is required");
          }
          long atLeast = integer(v.get("atLeast"), p + ".atLeast", 0, MAX_THRESHOLD);
          return new Condition.EventCount(required(v, "event", p), atLeast);
        case "didWithin":
          object(v, p, Set.of("event", "within"));
          if (absent(v.get("within"))) {
            throw fail(p + ".within", "is required");
          }
          return new Condition.DidWithin(
              required(v, "event", p), positive(v.get("within"), p + ".within"));
        case "lifecycleIs":
          return new Condition.LifecycleIs(stage(v, p));
        case "lifecycleAtLeast":
          return new Condition.LifecycleAtLeast(stage(v, p), stages);
        default:
          throw fail(path, "unknown condition " + Excerpt.quoted(kind));
      }
    }

    // --- small readers, each failing with the path ---

    private InvalidConfigException fail(String path, String problem) {
      return new InvalidConfigException(ruleId, path, problem);
    }

    private static boolean absent(JsonNode node) {
      return node == null || node.isNull();
    }

    private void object(JsonNode node, String path, Set<String> allowed) {
      if (node == null || !node.isObject()) {
        throw fail(path, "must be an object");
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw fail(path + "." + Excerpt.of(name), "unknown field " + Excerpt.quoted(name));
        }
      }
    }

    private String single(JsonNode node, String path) {
      if (node == null || !node.isObject() || node.size() != 1) {
        throw fail(path, "must be an object with exactly one key");
      }
      return node.fieldNames().next();
    }

    private JsonNode array(JsonNode node, String path) {
      if (node == null || !node.isArray()) {
        throw fail(path, "must be an array");
      }
      return node;
    }

    private String text(JsonNode node, String path) {
      if (node == null || !node.isTextual()) {
        throw fail(path, "must be a string");
      }
      if (node.textValue().length() > MAX_STRING_CHARS) {
        throw fail(path, "must be at most " + MAX_STRING_CHARS + " characters");
      }
      return node.textValue();
    }

    private String nonBlank(JsonNode node, String path) {
      String value = text(node, path);
      if (value.isBlank()) {
        throw fail(path, "must not be blank");
      }
      return value;
    }

    private String required(JsonNode parent, String field, String path) {
      if (absent(parent.get(field))) {
        throw fail(path + "." + field, "is required");
      }
      return nonBlank(parent.get(field), path + "." + field);
    }

    private boolean bool(JsonNode node, String path) {
      if (node == null || !node.isBoolean()) {
        throw fail(path, "must be true or false");
      }
      return node.booleanValue();
    }

    private long integer(JsonNode node, String path, long min, long max) {
      if (node == null || !node.isIntegralNumber()) {
        throw fail(path, "must be an integer");
      }
      if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
        throw fail(path, "must be an integer between " + min + " and " + max);
      }
      return node.longValue();
    }

    private long points(JsonNode node, String path) {
      return integer(node, path, -Action.Score.MAX_POINTS, Action.Score.MAX_POINTS);
    }

    /** A literal value (operand, attribute value), held to the limits of client values. */
    private JsonValue literal(JsonNode node, String path) {
      try {
        return JsonValues.toValue(node, path, MAX_VALUE_DEPTH, MAX_STRING_CHARS);
      } catch (TouchlineException e) {
        throw fail(e.field().orElse(path), e.getMessage());
      }
    }

    private Duration positive(JsonNode node, String path) {
      String text = text(node, path);
      Duration d;
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw fail(
            path, "must be an ISO-8601 duration such as PT20M or P30D: " + Excerpt.quoted(text));
      }
      String problem = ConfigDurations.problem(d);
      if (problem != null) {
        throw fail(path, problem);
      }
      return d;
    }
  }
}
