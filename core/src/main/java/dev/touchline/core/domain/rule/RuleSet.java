package dev.touchline.core.domain.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A workspace's ordered rules, indexed by event type so a rule that cannot match costs nothing. */
public final class RuleSet {
  private final List<Rule> rules;
  private final Map<String, List<Rule>> byType;

  public RuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, List<Rule>> index = new HashMap<>();
    for (Rule rule : this.rules) {
      index.computeIfAbsent(rule.eventType(), t -> new ArrayList<>()).add(rule);
    }
    index.replaceAll((type, list) -> List.copyOf(list));
    this.byType = Map.copyOf(index);
  }

  /** The rules for an event type, in configuration order. */
  public List<Rule> forType(String eventType) {
    return byType.getOrDefault(eventType, List.of());
  }

  public List<Rule> all() {
    return rules;
  }
}
