package dev.touchline.core.domain.rule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule: {@code when} an event of {@code eventType} arrives whose properties satisfy {@code
 * where}, {@code if} the contact satisfies {@code condition}, {@code then} run the actions in
 * order.
 */
public record Rule(
    String id,
    String eventType,
    Optional<Condition> where,
    Optional<Condition> condition,
    List<Action> actions) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(condition, "condition");
    actions = List.copyOf(actions);
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no actions");
    }
  }
}
