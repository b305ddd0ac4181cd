package dev.touchline.core.domain.value;

import dev.touchline.core.domain.error.TouchlineException;

/**
 * The rule for the names people give keys and workspaces: short, one line, nothing that hides or
 * reorders what a reader of a listing sees.
 */
public final class DisplayName {
  /** The longest name, in characters (Unicode code points: an emoji is one). */
  public static final int MAX_CHARS = 100;

  private DisplayName() {}

  /**
   * Checks a name given for {@code field}.
   *
   * @return the name, unchanged
   * @throws TouchlineException {@code invalid_payload} naming {@code field} when it is longer than
   *     {@link #MAX_CHARS} characters or holds a control, format or line or paragraph separator
   *     character, or an unpaired surrogate
   */
  public static String check(String field, String name) {
    if (name.codePointCount(0, name.length()) > MAX_CHARS) {
      throw TouchlineException.invalid(
          field, field + " must be at most " + MAX_CHARS + " characters");
    }
    if (name.codePoints().anyMatch(DisplayName::hidden)) {
      throw TouchlineException.invalid(
          field,
          field
              + " must be one line of visible text: no control, format (zero-width, direction)"
              + " or separator characters, no unpaired surrogate");
    }
    return name;
  }

  private static boolean hidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }
}
