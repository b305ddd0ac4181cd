package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.testkit.logs.NoSecretsInJulLogs;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The log guard every test of this module runs under sees what it must, at every level. */
class NoSecretsInJulLogsTest {
  private static final Logger LOG = Logger.getLogger("dev.touchline.guard-check");

  @Test
  void theWholeSuiteLogsAtEveryLevel() {
    assertThat(LOG.isLoggable(Level.FINEST)).isTrue();
  }

  @Test
  void aRawKeyAHashOrAnAuthorizationValue_isCaught() {
    String key = ApiKeySecrets.generate();
    LOG.log(Level.FINEST, "checking {0}", key);
    LOG.fine("stored under " + ApiKeySecrets.hash(key));
    LOG.log(Level.WARNING, "failed", new IllegalStateException("Authorization: Bearer abc"));
    LOG.info("an ordinary line about key key_0123456789ab");

    assertThat(NoSecretsInJulLogs.drain())
        .hasSize(3)
        .anySatisfy(v -> assertThat(v).startsWith("a raw API key").contains("FINEST"))
        .anySatisfy(v -> assertThat(v).startsWith("a 64-hex-digit hash").contains("FINE"))
        .anySatisfy(v -> assertThat(v).startsWith("the value of a Authorization header"));
  }
}
