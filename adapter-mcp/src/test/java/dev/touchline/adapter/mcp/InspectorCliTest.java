package dev.touchline.adapter.mcp;

import static dev.touchline.testkit.Executables.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.touchline.core.domain.apikey.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A client no one here wrote: the MCP Inspector's CLI ({@code npx
 * @modelcontextprotocol/inspector@0.21.1 --cli}) lists and calls the tools over HTTP and over stdio.
 * Skipped, saying so, where {@code npx} is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class InspectorCliTest {
  private static final String INSPECTOR = "@modelcontextprotocol/inspector@0.21.1";
  private LocalDeployment deployment;
  private String key;

  @BeforeAll
  void start() {
    assumeTrue(
        onPath("npx"), "npx is not installed here: the MCP Inspector CLI checks are skipped");
    deployment = new LocalDeployment();
    key = deployment.key("inspector", Scope.workspaceScopes());
  }

  @AfterAll
  void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  private List<String> http(String... method) {
    return inspector(
        List.of(deployment.url() + "/mcp", "--transport", "http", "--header", "X-API-Key: " + key),
        method);
  }

  private List<String> stdio(String... method) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return inspector(
        List.of(
            "-e",
            "TOUCHLINE_URL=" + deployment.url(),
            "-e",
            "TOUCHLINE_KEY=" + key,
            java,
            "-cp",
            System.getProperty("java.class.path"),
            StdioServer.class.getName()),
        method);
  }

  /** The Inspector CLI's command: {@code npx -y <inspector> --cli <target…> <method…>}. */
  private static List<String> inspector(List<String> target, String... method) {
    List<String> command = new ArrayList<>(List.of("npx", "-y", INSPECTOR, "--cli"));
    command.addAll(target);
    command.addAll(List.of(method));
    return command;
  }

  @Test
  void overHttp_theInspectorListsAndCallsTheTools() throws Exception {
    String tools = run(http("--method", "tools/list"));
    assertThat(tools)
        .contains("\"ingest_event\"", "\"ingest_events\"", "\"get_contact\"", "\"list_events\"")
        .contains("\"list_incoming\"");
    String call =
        run(
            http(
                "--method",
                "tools/call",
                "--tool-name",
                "ingest_event",
                "--tool-arg",
                "event=signup",
                "--tool-arg",
                "email=inspector-http@example.com"));
    assertThat(call).contains("accepted: event").contains("\"status\": \"accepted\"");
  }

  @Test
  void overStdio_theInspectorListsAndCallsTheTools() throws Exception {
    String tools = run(stdio("--method", "tools/list"));
    assertThat(tools).contains("\"ingest_event\"", "\"list_incoming\"");
    String call =
        run(
            stdio(
                "--method",
                "tools/call",
                "--tool-name",
                "get_contact",
                "--tool-arg",
                "email=nobody@example.com"));
    assertThat(call).contains("not_found").contains("\"isError\": true");
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("inspector", ".out");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(5, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    if (!done) {
      process.destroyForcibly();
    }
    assertThat(done).as("the inspector finished: " + output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
