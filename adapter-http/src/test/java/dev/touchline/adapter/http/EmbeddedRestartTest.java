package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.adapter.http.store.StoreRuntime;
import dev.touchline.adapter.http.store.WalJournal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The default store keeps its data in the data directory: a restart finds everything. */
class EmbeddedRestartTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // DynamoDB Local hangs rather than fails
  void contactsEventsKeysAndConfigurationSurviveARestart(@TempDir Path dataDir) throws Exception {
    Path config = dataDir.resolve("workspace.json");
    Files.writeString(
        config,
        "{\"rules\":[{\"id\":\"tag\",\"when\":{\"event\":\"signup\"},"
            + "\"then\":[{\"addTag\":\"kept\"}]}]}");
    Map<String, Object> embedded =
        Map.of(
            "touchline.store",
            "embedded",
            "touchline.data-dir",
            dataDir.resolve("data").toString(),
            "touchline.config-file",
            config.toString());

    String key;
    String contactId;
    String eventId;
    StartupTest.Captured<RunningServer> first =
        StartupTest.captureStdout(() -> RunningServer.start(embedded));
    try (RunningServer server = first.value()) {
      key = server.bean(Bootstrap.class).generatedKey().orElseThrow();
      JsonNode accepted =
          Json.of(
              server.post(
                  "/v1/events",
                  key,
                  "{\"event\":\"signup\",\"email\":\"keep@example.com\",\"messageId\":\"keep-1\","
                      + "\"properties\":{\"plan\":\"pro\"}}"));
      contactId = accepted.get("customerId").asText();
      eventId = accepted.get("eventId").asText();
      server.post("/v1/events", key, "{\"event\":\"login\",\"email\":\"keep@example.com\"}");
    }
    Path database = dataDir.resolve("data").resolve(StoreRuntime.EMBEDDED_FILE);
    assertThat(Files.isRegularFile(database)).isTrue();
    // Stopped means closed: the write-ahead log is checkpointed into the file and removed, so the
    // file alone holds the data (and can be copied) as soon as the server has stopped.
    assertThat(database.resolveSibling(StoreRuntime.EMBEDDED_FILE + "-wal")).doesNotExist();
    assertThat(WalJournal.mode(database)).as("the journal mode kept in the file").isEqualTo("wal");

    StartupTest.Captured<RunningServer> second =
        StartupTest.captureStdout(() -> RunningServer.start(embedded));
    try (RunningServer server = second.value()) {
      assertThat(server.bean(Bootstrap.class).generatedKey()).isEmpty();
      assertThat(second.output()).doesNotContain("tl_live_");

      JsonNode contact = Json.of(server.get("/v1/contacts?email=keep%40example.com", key));
      JsonNode timeline = Json.of(server.get("/v1/events?contactId=" + contactId, key));
      JsonNode event = Json.of(server.get("/v1/events/" + eventId, key));
      HttpResponse<String> resend =
          server.post(
              "/v1/events",
              key,
              "{\"event\":\"signup\",\"email\":\"keep@example.com\",\"messageId\":\"keep-1\","
                  + "\"properties\":{\"plan\":\"pro\"}}");

      assertThat(contact.get("id").asText()).isEqualTo(contactId);
      assertThat(contact.get("tags").toString()).contains("kept");
      // The same file at the next start is not installed again: the version stays.
      assertThat(server.get("/v1/workspace/config", key).headers().firstValue("X-Config-Version"))
          .hasValue("1");
      assertThat(timeline.get("data")).hasSize(2);
      assertThat(event.get("properties").get("plan").asText()).isEqualTo("pro");
      assertThat(resend.statusCode()).isEqualTo(200);
      assertThat(Json.of(resend).get("status").asText()).isEqualTo("duplicate");
    }
  }
}
