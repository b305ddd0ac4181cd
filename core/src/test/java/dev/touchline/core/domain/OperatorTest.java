package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.rule.Operator;
import dev.touchline.core.domain.value.JsonValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorTest {
  private static Optional<JsonValue> v(Object o) {
    return Optional.of(JsonValue.of(o));
  }

  @Test
  void numbersCompareByValue_notByScale() {
    assertThat(Operator.EQ.test(v(new java.math.BigDecimal("10.0")), JsonValue.of(10))).isTrue();
    assertThat(Operator.GT.test(v(10.5), JsonValue.of(10))).isTrue();
    assertThat(Operator.GTE.test(v(10), JsonValue.of(10))).isTrue();
    assertThat(Operator.LT.test(v(9), JsonValue.of(10))).isTrue();
    assertThat(Operator.LTE.test(v(11), JsonValue.of(10))).isFalse();
  }

  @Test
  void isoInstants_compareAsInstants_otherStringsLexicographically() {
    assertThat(
            Operator.GT.test(v("2026-01-01T10:00:00+02:00"), JsonValue.of("2026-01-01T07:59:00Z")))
        .isTrue();
    assertThat(
            Operator.EQ.test(v("2026-01-01T10:00:00+02:00"), JsonValue.of("2026-01-01T08:00:00Z")))
        .isTrue();
    assertThat(Operator.LT.test(v("apple"), JsonValue.of("banana"))).isTrue();
  }

  @Test
  void mixedKindsNeverOrder() {
    assertThat(Operator.GT.test(v("10"), JsonValue.of(5))).isFalse();
    assertThat(Operator.LT.test(v("10"), JsonValue.of(5))).isFalse();
    assertThat(Operator.EQ.test(v("10"), JsonValue.of(10))).isFalse();
  }

  @Test
  void aMissingValue_onlySatisfiesNeqAndExistsFalse() {
    for (Operator op :
        List.of(
            Operator.EQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE, Operator.CONTAINS)) {
      assertThat(op.test(Optional.empty(), JsonValue.of(1))).as(op.name()).isFalse();
    }
    assertThat(Operator.IN.test(Optional.empty(), JsonValue.of(List.of(1)))).isFalse();
    assertThat(Operator.NEQ.test(Optional.empty(), JsonValue.of(1))).isTrue();
    assertThat(Operator.EXISTS.test(Optional.empty(), JsonValue.of(false))).isTrue();
    assertThat(Operator.EXISTS.test(v(null), JsonValue.of(true))).as("null is not there").isFalse();
    assertThat(Operator.EXISTS.test(v(0), JsonValue.of(true))).isTrue();
  }

  @Test
  void inAndContains() {
    assertThat(Operator.IN.test(v("pro"), JsonValue.of(List.of("team", "pro")))).isTrue();
    assertThat(Operator.IN.test(v(2), JsonValue.of(List.of(1, 2.0)))).isTrue();
    assertThat(Operator.CONTAINS.test(v(List.of("a", "b")), JsonValue.of("b"))).isTrue();
    assertThat(Operator.CONTAINS.test(v("hello world"), JsonValue.of("lo w"))).isTrue();
    assertThat(Operator.CONTAINS.test(v(42), JsonValue.of("4"))).isFalse();
  }
}
