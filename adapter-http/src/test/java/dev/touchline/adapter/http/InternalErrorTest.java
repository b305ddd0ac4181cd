package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failure inside the engine is a 500 internal_error document the client may retry. */
class InternalErrorTest {

  /** A clock that can be made to fail, standing in for any infrastructure failure. */
  static final class BreakableClock extends Clock {
    volatile boolean broken;

    @Override
    public Instant instant() {
      if (broken) {
        throw new IllegalStateException("clock source unavailable");
      }
      return Instant.now();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void anUnexpectedFailureIs500AndTheServerKeepsServing() {
    BreakableClock clock = new BreakableClock();
    try (RunningServer server = RunningServer.start(Map.of(), clock)) {
      String key =
          server
              .engine()
              .apiKeys()
              .issue(new WorkspaceId("fails"), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
              .secret();
      String event = "{\"event\":\"signup\",\"email\":\"e@example.com\"}";

      clock.broken = true;
      HttpResponse<String> failed = server.post("/v1/events", key, event);
      clock.broken = false;
      HttpResponse<String> retried = server.post("/v1/events", key, event);

      assertThat(failed.statusCode()).isEqualTo(500);
      JsonNode error = Json.of(failed).get("error");
      assertThat(error.get("code").asText()).isEqualTo("internal_error");
      assertThat(error.get("message").asText()).doesNotContain("clock source");
      assertThat(retried.statusCode()).isEqualTo(201);
    }
  }
}
