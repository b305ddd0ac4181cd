package dev.touchline.core.domain.value;

import java.time.Duration;

/**
 * The range of every duration a workspace configuration holds (windows, cooldowns, {@code
 * didWithin}): positive and at most {@link #MAX} (3,650 days), so that adding one to any instant
 * the engine meets stays representable in every store.
 */
public final class ConfigDurations {
  /** The longest duration a configuration may hold: 3,650 days. */
  public static final Duration MAX = Duration.ofDays(3650);

  private ConfigDurations() {}

  /** Why {@code d} is out of range, or {@code null} when it is in range. */
  public static String problem(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "must be a positive duration";
    }
    if (d.compareTo(MAX) > 0) {
      return "must be at most P3650D (3,650 days)";
    }
    return null;
  }

  /**
   * Returns {@code d} when it is in range.
   *
   * @throws IllegalArgumentException naming {@code name} when it is not
   */
  public static Duration check(Duration d, String name) {
    String problem = problem(d);
    if (problem != null) {
      throw new IllegalArgumentException(name + " " + problem + ": " + d);
    }
    return d;
  }
}
