package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up configuration: bootstrap key, generated key, configuration file, bad settings. */
class StartupTest {

  @Test
  void theBootstrapKeyHasEveryScopeOnTheDefaultWorkspace() {
    String secret = ApiKeySecrets.generate();
    try (RunningServer server = RunningServer.start(Map.of("touchline.bootstrap-key", secret))) {
      int created =
          server
              .post("/v1/events", secret, "{\"event\":\"signup\",\"email\":\"b@example.com\"}")
              .statusCode();

      assertThat(created).isEqualTo(201);
      assertThat(server.get("/v1/events", secret).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/contacts?email=b%40example.com", secret).statusCode())
          .isEqualTo(200);
      assertThat(server.get("/v1/workspace/config", secret).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/keys", secret).statusCode()).isEqualTo(200);
      // platform too: it is the operator's key, and the default workspace is on record
      assertThat(Json.of(server.get("/v1/workspaces/default", secret)).get("id").asText())
          .isEqualTo("default");
      assertThat(server.engine().apiKeys().list(new WorkspaceId("default")))
          .singleElement()
          .satisfies(k -> assertThat(k.name()).isEqualTo("bootstrap"));
      assertThat(server.bean(Bootstrap.class).generatedKey()).isEmpty();
    }
  }

  @Test
  void withoutABootstrapKeyAKeyIsCreatedAndPrintedOnce() {
    Captured<RunningServer> started = captureStdout(RunningServer::start);
    try (RunningServer server = started.value()) {
      String generated = server.bean(Bootstrap.class).generatedKey().orElseThrow();

      assertThat(ApiKeySecrets.isWellFormed(generated)).isTrue();
      assertThat(started.output()).containsOnlyOnce(generated);
      assertThat(server.get("/v1/workspace/config", generated).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/workspaces", generated).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theBootstrapKeysRateLimit_isTheOneConfigured_andOverItTheKeyGets429() {
    String secret = ApiKeySecrets.generate();
    try (RunningServer server =
        RunningServer.start(
            Map.of(
                "touchline.bootstrap-key", secret, "touchline.bootstrap-rate-limit", "0.01,2"))) {
      assertThat(server.engine().apiKeys().list(new WorkspaceId("default")))
          .singleElement()
          .satisfies(k -> assertThat(k.rateLimit()).isEqualTo(new RateLimit(2, 0.01)));
      assertThat(server.get("/v1/events", secret).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/events", secret).statusCode()).isEqualTo(200);
      assertThat(server.get("/v1/events", secret).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void aBootstrapRateLimitPastItsBounds_stopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.bootstrap-rate-limit", "10001")))
        .hasStackTraceContaining(
            "touchline.bootstrap-rate-limit (TOUCHLINE_BOOTSTRAP_RATE_LIMIT): a rate limit is"
                + " <requests per second>[,<burst>]");
  }

  @Test
  void aMalformedBootstrapKeyStopsTheStartWithAMessage() {
    assertThatThrownBy(
            () -> RunningServer.start(Map.of("touchline.bootstrap-key", "tl_live_short_abc")))
        .rootCause()
        .hasMessageContaining("TOUCHLINE_BOOTSTRAP_KEY is not a Touchline key");
  }

  @Test
  void theConfigurationFileIsInstalledInTheDefaultWorkspace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("workspace.json");
    Files.writeString(
        file,
        "{\"rules\":[{\"id\":\"tag\",\"when\":{\"event\":\"signup\"},"
            + "\"then\":[{\"addTag\":\"from-file\"}]}]}");
    String secret = ApiKeySecrets.generate();
    try (RunningServer server =
        RunningServer.start(
            Map.of("touchline.config-file", file.toString(), "touchline.bootstrap-key", secret))) {
      JsonNode accepted =
          Json.of(
              server.post(
                  "/v1/events", secret, "{\"event\":\"signup\",\"email\":\"f@example.com\"}"));
      JsonNode contact =
          Json.of(server.get("/v1/contacts/" + accepted.get("customerId").asText(), secret));

      assertThat(contact.get("tags").toString()).contains("from-file");
      assertThat(
              server.get("/v1/workspace/config", secret).headers().firstValue("X-Config-Version"))
          .hasValue("1");
    }
  }

  @Test
  void anInvalidConfigurationFileStopsTheStartNamingTheFileAndTheFault(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(
        file, "{\"rules\":[{\"id\":\"bad-rule\",\"when\":{},\"then\":[{\"addTag\":\"x\"}]}]}");

    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.config-file", file.toString())))
        .hasStackTraceContaining(
            "the workspace configuration file " + file + " (TOUCHLINE_CONFIG) is invalid")
        .hasStackTraceContaining("bad-rule");
  }

  @Test
  void aMissingConfigurationFileStopsTheStart(@TempDir Path dir) {
    Path file = dir.resolve("absent.json");

    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.config-file", file.toString())))
        .hasStackTraceContaining("cannot read the workspace configuration file " + file);
  }

  @Test
  void anUnknownStoreStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.store", "postgres")))
        .hasStackTraceContaining(
            "touchline.store (TOUCHLINE_STORE) must be embedded, dynamodb or memory, not 'postgres'");
  }

  @Test
  void aBodyCapBelowTheEventLimitIsRefused() {
    assertThatThrownBy(() -> RunningServer.start(Map.of("touchline.max-body-bytes", "1000")))
        .hasStackTraceContaining("touchline.max-body-bytes (TOUCHLINE_MAX_BODY_BYTES)");
  }

  @Test
  void metricsCanBeSwitchedOff() {
    try (RunningServer server = RunningServer.start(Map.of("endpoints.metrics.enabled", "false"))) {
      assertThat(server.send(server.request("/metrics").GET().build()).statusCode()).isEqualTo(404);
      assertThat(server.send(server.request("/health").GET().build()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theOtherManagementEndpointsAreOff() {
    try (RunningServer server = RunningServer.start()) {
      for (String path : new String[] {"/routes", "/beans", "/info", "/threaddump", "/env"}) {
        HttpResponse<String> response = server.send(server.request(path).GET().build());
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(Json.of(response).get("error").get("code").asText()).isEqualTo("not_found");
      }
    }
  }

  /** What a start printed on standard output, and what it returned. */
  record Captured<T>(T value, String output) {}

  static synchronized <T> Captured<T> captureStdout(Supplier<T> action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      T value = action.get();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
