package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormalizerTest {

  @Test
  void email_isTrimmedAndLowerCased_independentlyOfTheDefaultLocale() {
    // Surefire runs with a Turkish default locale: "I".toLowerCase() would give a dotless ı.
    assertThat(Locale.getDefault().getLanguage()).isEqualTo("tr");
    Identifier id = IdentifierNormalizer.email("  TITLE.Insight@EXAMPLE.COM ", "email");
    assertThat(id).isEqualTo(new Identifier(IdentityType.EMAIL, "title.insight@example.com"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"plainaddress", "a@b", "a b@example.com", "@example.com", "a@@example.com"})
  void implausibleEmails_areRefused(String raw) {
    assertThatThrownBy(() -> IdentifierNormalizer.email(raw, "email"))
        .isInstanceOf(InvalidIdentifierException.class)
        .extracting(e -> ((InvalidIdentifierException) e).field())
        .isEqualTo("email");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "null",
        "NULL",
        "undefined",
        "anonymous",
        "Guest",
        "0",
        "-1",
        "n/a",
        "none"
      })
  void junkValues_areRefusedForEveryType(String raw) {
    for (IdentityType type : IdentityType.values()) {
      assertThatThrownBy(() -> IdentifierNormalizer.normalize(type, raw, "US", type.wireName()))
          .as(type + " " + raw)
          .isInstanceOf(InvalidIdentifierException.class);
    }
  }

  @Test
  void phone_withoutCountryCode_takesTheDefaultRegion() {
    assertThat(IdentifierNormalizer.phone("(415) 555-0132", "US", "phone").value())
        .isEqualTo("+14155550132");
    assertThat(IdentifierNormalizer.phone("020 7946 0018", "GB", "phone").value())
        .isEqualTo("+442079460018");
    assertThat(IdentifierNormalizer.phone("+33 1 42 68 53 00", "US", "phone").value())
        .isEqualTo("+33142685300");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "12", "+1 415", "555-CALL-NOW-PLEASE-NOW"})
  void unparseableOrImpossiblePhones_areRefused(String raw) {
    assertThatThrownBy(() -> IdentifierNormalizer.phone(raw, "US", "phone"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void externalId_keepsCase_andIsBoundedAt256() {
    assertThat(IdentifierNormalizer.externalId("  CRM-Ab ", "externalId").value())
        .isEqualTo("CRM-Ab");
    assertThat(IdentifierNormalizer.externalId("x".repeat(256), "externalId").value()).hasSize(256);
    assertThatThrownBy(() -> IdentifierNormalizer.externalId("x".repeat(257), "externalId"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("256");
  }
}
