package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.value.ConfigDurations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A declarative business key: a second event of {@code eventType} with the same value at {@code
 * propertyPath} (within {@code window}, or ever) is a duplicate.
 */
public record BusinessKey(String eventType, String propertyPath, Optional<Duration> window) {
  public BusinessKey {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(propertyPath, "propertyPath");
    Objects.requireNonNull(window, "window");
    window.ifPresent(w -> ConfigDurations.check(w, "business key window"));
  }
}
