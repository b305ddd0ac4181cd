package dev.touchline.testkit.logs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never appear in a log line: a raw API key ({@code tl_live_…}), a key's hash (64
 * hex digits: SHA-256, the form the stores keep), or the value of an {@code Authorization} or
 * {@code X-API-Key} header. For the log guards of the runtimes' test suites.
 */
public final class Secrets {
  private static final Pattern RAW_KEY = Pattern.compile("tl_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}");
  private static final Pattern HASH =
      Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");
  private static final Pattern HEADER =
      Pattern.compile(
          "(?i)(?<![a-z0-9_])(authorization|x-api-key)[\"']?\\s*[:=]\\s*\\[?\"?[^\\s,\\]\"]+");

  private Secrets() {}

  /** The first secret in {@code text}, named by its kind, or empty. */
  public static Optional<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = RAW_KEY.matcher(text);
    if (m.find()) {
      return Optional.of("a raw API key at " + m.start());
    }
    m = HASH.matcher(text);
    if (m.find()) {
      return Optional.of("a 64-hex-digit hash at " + m.start());
    }
    m = HEADER.matcher(text);
    if (m.find()) {
      return Optional.of("the value of a " + m.group(1) + " header at " + m.start());
    }
    return Optional.empty();
  }
}
