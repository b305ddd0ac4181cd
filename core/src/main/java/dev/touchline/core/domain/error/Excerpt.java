package dev.touchline.core.domain.error;

/**
 * A short, printable excerpt of client input for error messages: at most {@value #MAX_CHARS}
 * characters of the input and about {@value #MAX_OUTPUT} written, control and invisible characters
 * shown as {@code \\uXXXX}, and the full length named when the input was cut, so an answer never
 * echoes a long or unprintable input back.
 */
public final class Excerpt {
  /** The most characters of the input an excerpt quotes. */
  public static final int MAX_CHARS = 40;

  /** The most characters an excerpt writes before the note of the full length (escapes count). */
  static final int MAX_OUTPUT = 80;

  private Excerpt() {}

  /** The excerpt of {@code input}, without quotes. */
  public static String of(String input) {
    if (input == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_CHARS) + 24);
    int shown = 0;
    int i = 0;
    while (i < input.length() && shown < MAX_CHARS && out.length() < MAX_OUTPUT) {
      int cp = input.codePointAt(i);
      if (isPrintable(cp)) {
        out.appendCodePoint(cp);
      } else if (cp > 0xFFFF) {
        out.append(
            String.format("\\u%04X\\u%04X", (int) input.charAt(i), (int) input.charAt(i + 1)));
      } else {
        out.append(String.format("\\u%04X", cp));
      }
      i += Character.charCount(cp);
      shown++;
    }
    if (i < input.length()) {
      out.append("… (").append(input.length()).append(" characters)");
    }
    return out.toString();
  }

  /** The excerpt in single quotes, as messages quote input: {@code 'abc'}. */
  public static String quoted(String input) {
    return "'" + of(input) + "'";
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }
}
