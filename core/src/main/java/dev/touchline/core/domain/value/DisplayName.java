package dev.touchline.core.domain.value;

import dev.touchline.core.domain.error.TouchlineException;

/** The rule for the names people give keys and workspaces: short, printable, one line. */
public final class DisplayName {
  /** The longest name, in characters. */
  public static final int MAX_CHARS = 100;

  private DisplayName() {}

  /**
   * Checks a name given for {@code field}.
   *
   * @return the name, unchanged
   * @throws TouchlineException {@code invalid_payload} naming {@code field} when it is longer than
   *     {@link #MAX_CHARS} or holds a control character
   */
  public static String check(String field, String name) {
    if (name.length() > MAX_CHARS) {
      throw TouchlineException.invalid(
          field, field + " must be at most " + MAX_CHARS + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw TouchlineException.invalid(field, field + " must not contain control characters");
    }
    return name;
  }
}
