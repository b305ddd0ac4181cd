package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.value.ConfigDurations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a workspace drops duplicates and noise. */
public record DedupPolicy(
    Duration messageIdWindow,
    List<BusinessKey> businessKeys,
    List<Throttle> throttles,
    BotPolicy bots) {

  public DedupPolicy {
    ConfigDurations.check(messageIdWindow, "messageIdWindow");
    businessKeys = List.copyOf(businessKeys);
    throttles = List.copyOf(throttles);
    Objects.requireNonNull(bots, "bots");
  }

  public List<BusinessKey> businessKeysFor(String eventType) {
    return businessKeys.stream().filter(k -> k.eventType().equals(eventType)).toList();
  }

  public List<Throttle> throttlesFor(String eventType) {
    return throttles.stream().filter(t -> t.eventType().equals(eventType)).toList();
  }
}
