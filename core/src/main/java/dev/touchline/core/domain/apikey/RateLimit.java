package dev.touchline.core.domain.apikey;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}. */
public record RateLimit(long burst, double perSecond) {
  public static final RateLimit DEFAULT = new RateLimit(200, 100);

  /** The most requests per second a limit given as text may allow. */
  public static final double MAX_PER_SECOND = 10_000;

  /** The largest burst a limit given as text may allow. */
  public static final long MAX_BURST = 100_000;

  private static final Pattern TEXT = Pattern.compile("(\\d{1,5}(?:\\.\\d{1,3})?)(?:,(\\d{1,6}))?");

  public RateLimit {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1");
    }
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive");
    }
  }

  /**
   * A limit written as {@code <requests per second>} (the burst is twice that, at least 1) or
   * {@code <requests per second>,<burst>}: {@code 100}, {@code 0.5}, {@code 500,2000}. At most
   * {@link #MAX_PER_SECOND} per second and a burst of {@link #MAX_BURST}.
   *
   * @throws IllegalArgumentException naming the form when the text is not one
   */
  public static RateLimit parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (m.matches()) {
      double perSecond = Double.parseDouble(m.group(1));
      long burst =
          m.group(2) != null ? Long.parseLong(m.group(2)) : Math.max(1, (long) (2 * perSecond));
      if (perSecond > 0 && perSecond <= MAX_PER_SECOND && burst >= 1 && burst <= MAX_BURST) {
        return new RateLimit(burst, perSecond);
      }
    }
    throw new IllegalArgumentException(
        "a rate limit is <requests per second>[,<burst>] with more than 0 and at most 10000 per"
            + " second and a burst of 1 to 100000, e.g. 100 or 500,2000; got '"
            + text
            + "'");
  }
}
