package dev.touchline.adapter.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The repository's {@code template.yaml}, read as a tree, with the questions the tests ask it. */
final class SamTemplate {
  /** The repository root (tests run in the module's directory). */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private final JsonNode root;

  private SamTemplate(JsonNode root) {
    this.root = root;
  }

  static SamTemplate read() {
    try {
      return new SamTemplate(
          new ObjectMapper(new YAMLFactory())
              .readTree(Files.readString(ROOT.resolve("template.yaml"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  JsonNode resource(String logicalId) {
    JsonNode r = root.path("Resources").path(logicalId);
    if (r.isMissingNode()) {
      throw new AssertionError("template.yaml has no resource " + logicalId);
    }
    return r;
  }

  /** The resources of a type, by logical id. */
  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("Type").asText().equals(type)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** A function property, or the Globals' value when the function sets none. */
  JsonNode functionProperty(String logicalId, String name) {
    JsonNode own = resource(logicalId).path("Properties").path(name);
    return own.isMissingNode() ? root.path("Globals").path("Function").path(name) : own;
  }

  /** The functions' environment (Globals and the function's own, the latter winning). */
  Map<String, JsonNode> environment(String logicalId) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    root.path("Globals")
        .path("Function")
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    resource(logicalId)
        .path("Properties")
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The role a function runs with: the logical id its {@code Role} names. */
  String roleOf(String function) {
    JsonNode role = resource(function).path("Properties").path("Role");
    if (!role.path("Fn::GetAtt").isArray()) {
      throw new AssertionError(function + " has no Role of its own");
    }
    return role.path("Fn::GetAtt").get(0).asText();
  }

  /** The policy statements of a role. */
  List<JsonNode> statements(String role) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
      policy.path("PolicyDocument").path("Statement").forEach(out::add);
    }
    return out;
  }

  /** The actions a role allows, e.g. {@code dynamodb:GetItem}. */
  Set<String> actions(String role) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode s : statements(role)) {
      JsonNode a = s.path("Action");
      if (a.isArray()) {
        a.forEach(x -> out.add(x.asText()));
      } else {
        out.add(a.asText());
      }
    }
    return out;
  }
}
