package dev.touchline.testkit.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** One conformance scenario as read from its file. */
public record Scenario(String file, String name, List<String> covers, JsonNode document) {
  public Scenario {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    covers = List.copyOf(covers);
    Objects.requireNonNull(document, "document");
  }

  @Override
  public String toString() {
    return file + ": " + name;
  }
}
