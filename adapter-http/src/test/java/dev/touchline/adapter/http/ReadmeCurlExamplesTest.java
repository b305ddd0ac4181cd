package dev.touchline.adapter.http;

import static dev.touchline.testkit.Executables.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl examples, run as written against a real server; only the key and the port are
 * substituted. Skipped where curl is not installed.
 */
class ReadmeCurlExamplesTest {
  private static final Pattern BLOCK =
      Pattern.compile(
          "<!-- curl-examples[^>]*-->\\s*```sh\\n(.*?)```\\s*<!-- /curl-examples -->",
          Pattern.DOTALL);

  @Test
  void theCurlExamplesWorkVerbatim() throws Exception {
    assumeTrue(onPath("curl") && onPath("sh") && onPath("sed"), "curl, sh and sed are needed");
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(readme);
    StringBuilder blocks = new StringBuilder();
    while (m.find()) {
      blocks.append(m.group(1)).append('\n');
    }
    assertThat(blocks).as("the README's curl-examples blocks").isNotEmpty();
    String script = blocks.toString();
    assertThat(script).contains("export TOUCHLINE_KEY=tl_live_…").contains("localhost:8080");

    try (RunningServer server = RunningServer.start()) {
      String key =
          server
              .engine()
              .apiKeys()
              .issue(new WorkspaceId("default"), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
              .secret();
      String runnable =
          "set -e\n"
              + script
                  .replace("export TOUCHLINE_KEY=tl_live_…", "export TOUCHLINE_KEY=" + key)
                  .replace("localhost:8080", "127.0.0.1:" + server.uri("/").getPort());
      Process sh = new ProcessBuilder("sh", "-c", runnable).redirectErrorStream(true).start();
      assertThat(sh.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(sh.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("\"resolved\":\"new\",\"status\":\"accepted\"}")
          .contains("\"accepted\":3,\"duplicates\":0,\"discarded\":0,\"rejected\":1")
          .contains("\"email\":\"ann@example.com\"")
          .contains("\"event\":\"purchase\"")
          .contains("\"status\":\"rejected\"")
          .contains("{\"workspace\":{\"id\":\"acme\",\"name\":\"Acme Inc.\"")
          .contains("\"name\":\"web tracker\",\"scopes\":[\"events:write\"]")
          .contains("\"rateLimit\":{\"perSecond\":50,\"burst\":100}")
          .contains("\"revoked\":true")
          .doesNotContain("unauthenticated")
          .doesNotContain("forbidden_scope");
      JsonNode ann = Json.of(server.get("/v1/contacts?email=ann%40example.com", key));
      JsonNode timeline =
          Json.of(server.get("/v1/events?contactId=" + ann.get("id").asText(), key));
      assertThat(timeline.get("data")).hasSize(3);
      JsonNode acme = Json.of(server.get("/v1/workspaces/acme", key));
      assertThat(acme.get("name").asText()).isEqualTo("Acme Inc.");
    }
  }
}
