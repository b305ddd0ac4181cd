package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.apikey.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

  @Test
  void aRateAlone_getsABurstOfTwiceIt_andBothFormsReachTheirBounds() {
    assertThat(RateLimit.parse("100")).isEqualTo(new RateLimit(200, 100));
    assertThat(RateLimit.parse("0.25")).isEqualTo(new RateLimit(1, 0.25));
    assertThat(RateLimit.parse(" 500,2000 ")).isEqualTo(new RateLimit(2000, 500));
    assertThat(RateLimit.parse("10000,100000")).isEqualTo(new RateLimit(100_000, 10_000));
    assertThat(RateLimit.parse("0.001,1")).isEqualTo(new RateLimit(1, 0.001));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10000.001",
        "10001",
        "1,100001",
        "0",
        "0,5",
        "5,0",
        "-1",
        "1e3",
        "NaN",
        "Infinity",
        "100/s",
        "1,2,3",
        "",
        " ",
        "0x10",
        "100,",
        ",100",
        "1.2345"
      })
  void anythingElse_isRefusedNamingTheForm(String text) {
    assertThatThrownBy(() -> RateLimit.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a rate limit is <requests per second>[,<burst>]")
        .hasMessageEndingWith("got '" + text + "'");
  }
}
