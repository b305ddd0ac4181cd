package dev.touchline.core.service.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether the attempt that took a claim (or fired a trigger) at some instant may still be running:
 * for {@code grace} after it, unless it was taken before {@code abandonedBefore} (the start of a
 * process that alone uses its store: what an earlier run of that process began cannot still be
 * running).
 */
public record InFlight(Duration grace, Instant abandonedBefore) {
  public InFlight {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(abandonedBefore, "abandonedBefore");
  }

  /** Whether an attempt that began at {@code began} may still be running at {@code now}. */
  boolean mayStillRun(Instant began, Instant now) {
    return !began.isBefore(abandonedBefore) && now.isBefore(began.plus(grace));
  }
}
