package dev.touchline.core.domain.segment;

import dev.touchline.core.domain.rule.Condition;
import java.util.Objects;

/** A named condition over contact state; membership is re-evaluated after every event. */
public record Segment(String id, Condition condition) {
  /** The derived fact type for entering a segment, offered to rules. */
  public static final String ENTERED = "segment.entered";

  /** The derived fact type for leaving a segment. */
  public static final String EXITED = "segment.exited";

  public Segment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(condition, "condition");
    if (condition.readsEvent()) {
      throw new IllegalArgumentException("segment " + id + " reads event properties");
    }
  }
}
