package dev.touchline.testkit.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the conformance scenarios listed in {@code scenarios/index.txt} on the class path. */
public final class Scenarios {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Scenarios() {}

  public static List<Scenario> all() {
    List<Scenario> out = new ArrayList<>();
    for (String file : read("scenarios/index.txt").lines().map(String::trim).toList()) {
      if (file.isEmpty() || file.startsWith("#")) {
        continue;
      }
      JsonNode doc;
      try {
        doc = MAPPER.readTree(read("scenarios/" + file));
      } catch (IOException e) {
        throw new UncheckedIOException("scenario " + file + " is not valid JSON", e);
      }
      List<String> covers = new ArrayList<>();
      doc.path("covers").forEach(c -> covers.add(c.asText()));
      out.add(new Scenario(file, doc.path("name").asText(file), covers, doc));
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Scenarios.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
