package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log guard every test of this module runs under sees what it must. */
class NoSecretsInLogsTest {
  private static final Logger LOG = LoggerFactory.getLogger("dev.touchline.guard-check");

  @Test
  void theWholeSuiteLogsAtTrace() {
    assertThat(LOG.isTraceEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.netty.handler.codec.http").isTraceEnabled()).isTrue();
  }

  @Test
  void aRawKeyAHashOrAnAuthorizationValue_atAnyLevel_isCaught() {
    String key = ApiKeySecrets.generate();
    LOG.trace("checking {}", key);
    LOG.debug("stored under {}", ApiKeySecrets.hash(key));
    LOG.info("headers: {Authorization=[Bearer abc]}");
    LOG.warn("request failed", new IllegalStateException("X-API-Key: " + key.substring(3)));
    LOG.info("an ordinary line about key key_0123456789ab and trigger trg_0123");

    assertThat(NoSecretsInLogs.drain())
        .hasSize(4)
        .anySatisfy(v -> assertThat(v).startsWith("a raw API key").contains("TRACE"))
        .anySatisfy(v -> assertThat(v).startsWith("a 64-hex-digit hash").contains("DEBUG"))
        .anySatisfy(v -> assertThat(v).startsWith("the value of a Authorization header"))
        .anySatisfy(v -> assertThat(v).startsWith("the value of a X-API-Key header"));
  }
}
