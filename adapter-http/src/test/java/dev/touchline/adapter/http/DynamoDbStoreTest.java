package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Store {@code dynamodb}: the server talks to a DynamoDB endpoint over HTTP (here DynamoDB Local's
 * own HTTP server, started in process, in memory) with the AWS SDK's credential chain.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DynamoDbStoreTest {
  private static DynamoDbLocalHttp dynamo;

  @BeforeAll
  static void startDynamoDb() throws Exception {
    dynamo = new DynamoDbLocalHttp();
  }

  @AfterAll
  static void stopDynamoDb() throws Exception {
    dynamo.close();
  }

  private static Map<String, Object> dynamoDb(String table, boolean create, String key) {
    Map<String, Object> properties = new HashMap<>(dynamo.store(table, create));
    properties.put("touchline.bootstrap-key", key);
    return properties;
  }

  @Test
  void aMissingTableStopsTheStartUnlessTheServerMayCreateIt() throws IOException {
    String key = ApiKeySecrets.generate();

    assertThatThrownBy(() -> RunningServer.start(dynamoDb("absent-table", false, key)))
        .hasStackTraceContaining("the DynamoDB table 'absent-table' does not exist");

    try (RunningServer server = RunningServer.start(dynamoDb("created-table", true, key))) {
      assertThat(
              server
                  .post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"d@example.com\"}")
                  .statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void eventsAndContactsAreStoredInTheTableAndOutliveTheServer() {
    String key = ApiKeySecrets.generate();
    String contactId;
    try (RunningServer server = RunningServer.start(dynamoDb("touchline-http", true, key))) {
      JsonNode accepted =
          Json.of(
              server.post(
                  "/v1/events",
                  key,
                  "{\"event\":\"signup\",\"email\":\"keep@example.com\",\"properties\":{\"plan\":\"pro\"}}"));
      contactId = accepted.get("customerId").asText();
    }

    try (RunningServer server = RunningServer.start(dynamoDb("touchline-http", false, key))) {
      JsonNode contact = Json.of(server.get("/v1/contacts?email=keep%40example.com", key));
      JsonNode timeline = Json.of(server.get("/v1/events?contactId=" + contactId, key));

      assertThat(contact.get("id").asText()).isEqualTo(contactId);
      assertThat(timeline.get("data")).hasSize(1);
      JsonNode health = Json.of(server.send(server.request("/health").GET().build()));
      assertThat(health.get("details").get("store").get("status").asText()).isEqualTo("UP");
      assertThat(health.get("details").get("store").get("details").get("table").asText())
          .isEqualTo("touchline-http");
      assertThat(timeline.get("data").get(0).get("properties").get("plan").asText())
          .isEqualTo("pro");
    }
  }
}
