package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stdio server refuses to start without a deployment to forward to, naming the variable. */
class StdioServerSettingsTest {

  private static void start(Map<String, String> env) {
    StdioServer.start(env, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
  }

  @Test
  void aMissingUrlOrKey_isNamed() {
    assertThatThrownBy(() -> start(Map.of("TOUCHLINE_KEY", "tl_live_x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TOUCHLINE_URL is not set");
    assertThatThrownBy(() -> start(Map.of("TOUCHLINE_URL", "http://localhost:8080")))
        .hasMessageStartingWith("TOUCHLINE_KEY is not set");
    assertThatThrownBy(() -> start(Map.of("TOUCHLINE_URL", " ", "TOUCHLINE_KEY", "tl_live_x")))
        .hasMessageStartingWith("TOUCHLINE_URL is not set");
  }

  @Test
  void aUrlThatIsNotHttp_isRefused() {
    assertThatThrownBy(
            () -> start(Map.of("TOUCHLINE_URL", "ftp://example.com", "TOUCHLINE_KEY", "k")))
        .hasMessageStartingWith("TOUCHLINE_URL must be an http or https URL");
    assertThatThrownBy(() -> start(Map.of("TOUCHLINE_URL", "not a url", "TOUCHLINE_KEY", "k")))
        .hasMessageStartingWith("TOUCHLINE_URL is not a URL");
  }
}
