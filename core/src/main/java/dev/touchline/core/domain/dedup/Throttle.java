package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.value.ConfigDurations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * At most one event of {@code eventType} per contact per {@code window} (per value of {@code
 * perProperty} when set); the others are discarded as {@code throttled}.
 */
public record Throttle(String eventType, Duration window, Optional<String> perProperty) {
  public Throttle {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(perProperty, "perProperty");
    ConfigDurations.check(window, "throttle window");
  }
}
