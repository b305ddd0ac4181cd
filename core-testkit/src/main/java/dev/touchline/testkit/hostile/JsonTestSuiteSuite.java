package dev.touchline.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * nst/JSONTestSuite's parsing cases, each sent as the body of {@code POST /v1/events}: {@code n_}
 * files must get {@code 400 invalid_payload}, {@code y_} files a 2xx or a 4xx naming the problem,
 * {@code i_} files anything but a 5xx; no answer may name a Java type. The cases are read in place
 * from the directory {@code TOUCHLINE_JSON_TEST_SUITE} (or the system property {@code
 * touchline.json-test-suite}) names, else from {@code shared/corpora/json-test-suite/test_parsing}
 * beside the checkout; they are not copied into the repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JsonTestSuiteSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ScenarioTarget target;

  /** The target the cases are sent to. */
  protected abstract ScenarioTarget target();

  @TestFactory
  Stream<DynamicTest> jsonTestSuite() throws IOException {
    Path dir =
        corpus()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "JSONTestSuite's test_parsing directory not found: set TOUCHLINE_JSON_TEST_SUITE"));
    target = target();
    String key =
        target.registerKey(
            new WorkspaceId("json-test-suite"),
            EnumSet.allOf(Scope.class),
            new RateLimit(100_000, 100_000));
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("JSONTestSuite files in " + dir).hasSizeGreaterThan(300);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, key)));
  }

  @AfterAll
  void closeTarget() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private void check(Path file, String key) throws IOException {
    String name = file.getFileName().toString();
    ApiResponse r = HostileSuite.postEvents(target, key, Files.readAllBytes(file));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.status()).as("%s answered %s", name, body).isLessThan(500);
    assertThat(HostileSuite.INTERNALS.matcher(body).find())
        .as("%s: internals in %s", name, body)
        .isFalse();
    JsonNode answer = JSON.readTree(body);
    if (name.startsWith("n_")) {
      assertThat(r.status()).as("%s answered %s", name, body).isEqualTo(400);
      assertThat(answer.path("error").path("code").asText()).isEqualTo("invalid_payload");
    }
    if (r.status() >= 400) {
      assertThat(answer.path("error").path("message").asText())
          .as("%s: the problem is named", name)
          .isNotBlank();
    }
  }

  private static Optional<Path> corpus() {
    String configured =
        Optional.ofNullable(System.getenv("TOUCHLINE_JSON_TEST_SUITE"))
            .orElse(System.getProperty("touchline.json-test-suite"));
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/corpora/json-test-suite/test_parsing");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
