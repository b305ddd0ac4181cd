package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.error.Excerpt;
import org.junit.jupiter.api.Test;

class ExcerptTest {

  @Test
  void aShortPrintableInputIsQuotedWhole() {
    assertThat(Excerpt.quoted("ann@example.com")).isEqualTo("'ann@example.com'");
  }

  @Test
  void aLongInputIsCutAndItsLengthNamed() {
    String excerpt = Excerpt.of("a".repeat(8193));
    assertThat(excerpt).isEqualTo("a".repeat(40) + "… (8193 characters)");
  }

  @Test
  void invisibleAndControlCharactersAreEscaped() {
    assertThat(Excerpt.of("a\u0000b\u200bc\nd")).isEqualTo("a\\u0000b\\u200Bc\\u000Ad");
  }

  @Test
  void escapesCountAgainstTheLength_soAnExcerptStaysShortWhateverTheInput() {
    String privateUse = new String(Character.toChars(0xF0000)).repeat(200);
    String excerpt = Excerpt.of(privateUse);
    assertThat(excerpt).startsWith("\\uDB80\\uDC00").endsWith("… (400 characters)");
    assertThat(excerpt.length()).isLessThan(120);
  }
}
