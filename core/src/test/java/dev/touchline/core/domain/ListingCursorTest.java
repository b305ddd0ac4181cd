package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.ListingCursor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListingCursorTest {

  @Test
  void aCursorCarriesItsPositionBackToTheSameListing() {
    String cursor = ListingCursor.encode("timeline:c1", List.of("PK", "WS#1", "SK", "EV#2026#é"));

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(ListingCursor.decode(Optional.of(cursor), "timeline:c1"))
        .contains(List.of("PK", "WS#1", "SK", "EV#2026#é"));
  }

  @Test
  void noCursorIsTheFirstPage() {
    assertThat(ListingCursor.decode(Optional.empty(), "timeline:c1")).isEmpty();
  }

  @Test
  void aCursorOfAnotherListingIsRefused() {
    String cursor = ListingCursor.encode("timeline:c1", List.of("k"));

    assertThatThrownBy(() -> ListingCursor.decode(Optional.of(cursor), "timeline:c2"))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessage("the cursor belongs to another listing");
  }

  @Test
  void textThatIsNotACursorIsRefused() {
    assertThatThrownBy(() -> ListingCursor.decode(Optional.of("not a cursor!"), "timeline:c1"))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessage("not a cursor");
    // Valid base64url of the listing's name alone: no position.
    String bare =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("timeline:c1".getBytes());
    assertThatThrownBy(() -> ListingCursor.decode(Optional.of(bare), "timeline:c1"))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aPartHoldingTheSeparatorIsRefusedWhenEncoding() {
    assertThatThrownBy(() -> ListingCursor.encode("l", List.of("a\u001fb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+001F");
  }

  @Test
  void aCursorWithAnyOneCharacterChangedOrCutIsRefused() {
    String cursor = ListingCursor.encode("timeline:c1", List.of("PK", "WS#1", "SK", "EV#2026"));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1) % 64);
      String changed = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThatThrownBy(() -> ListingCursor.decode(Optional.of(changed), "timeline:c1"))
          .as("changed at %d", i)
          .isInstanceOf(InvalidCursorException.class);
    }
    assertThatThrownBy(
            () ->
                ListingCursor.decode(
                    Optional.of(cursor.substring(0, cursor.length() - 1)), "timeline:c1"))
        .isInstanceOf(InvalidCursorException.class);
  }
}
