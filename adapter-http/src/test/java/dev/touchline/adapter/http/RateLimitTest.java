package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.testkit.scenario.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key's token bucket over HTTP: its burst passes, the next request is 429 with Retry-After. */
class RateLimitTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
  private RunningServer server;
  private String key;

  @BeforeEach
  void start() {
    server = RunningServer.start(Map.of(), clock);
    // 5 at once, then one every 4 seconds; the clock stands still unless the test moves it.
    key =
        server
            .engine()
            .apiKeys()
            .issue(new WorkspaceId("limited"), EnumSet.allOf(Scope.class), new RateLimit(5, 0.25))
            .secret();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void justUnderTheLimitNothingIsRefused() {
    for (int i = 0; i < 5; i++) {
      assertThat(server.get("/v1/events", key).statusCode()).as("request %d", i).isEqualTo(200);
    }
  }

  @Test
  void overTheLimitIs429WithRetryAfterAndTheKeyRecovers() {
    for (int i = 0; i < 5; i++) {
      server.get("/v1/events", key);
    }

    HttpResponse<String> refused = server.get("/v1/events", key);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Json.of(refused).get("error").get("code").asText()).isEqualTo("rate_limited");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isEqualTo(4);

    clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(server.get("/v1/events", key).statusCode()).isEqualTo(200);
    assertThat(server.get("/v1/events", key).statusCode()).isEqualTo(429);
  }
}
