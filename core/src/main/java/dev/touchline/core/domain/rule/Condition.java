package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.EventStats;
import dev.touchline.core.domain.contact.LifecycleStages;
import dev.touchline.core.domain.value.ConfigDurations;
import dev.touchline.core.domain.value.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A condition of the closed condition language, over an event's properties and a contact. */
public sealed interface Condition
    permits Condition.All,
        Condition.Any,
        Condition.Not,
        Condition.Property,
        Condition.HasTag,
        Condition.ScoreAtLeast,
        Condition.ScoreBelow,
        Condition.Attribute,
        Condition.InSegment,
        Condition.EventCount,
        Condition.DidWithin,
        Condition.LifecycleIs,
        Condition.LifecycleAtLeast {

  boolean test(Facts facts);

  /** Whether this condition reads event properties (not allowed in segments). */
  default boolean readsEvent() {
    return false;
  }

  /** True when every child holds. */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Facts facts) {
      for (Condition c : conditions) {
        if (!c.test(facts)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean readsEvent() {
      return conditions.stream().anyMatch(Condition::readsEvent);
    }
  }

  /** True when at least one child holds. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Facts facts) {
      for (Condition c : conditions) {
        if (c.test(facts)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean readsEvent() {
      return conditions.stream().anyMatch(Condition::readsEvent);
    }
  }

  /** True when the child does not hold. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public boolean test(Facts facts) {
      return !condition.test(facts);
    }

    @Override
    public boolean readsEvent() {
      return condition.readsEvent();
    }
  }

  /** A comparison on an event property at a dot-separated path. */
  record Property(String path, Operator operator, JsonValue operand) implements Condition {
    public Property {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(Facts facts) {
      return operator.test(facts.properties().flatMap(p -> p.at(path)), operand);
    }

    @Override
    public boolean readsEvent() {
      return true;
    }
  }

  /** The contact has a tag. */
  record HasTag(String tag) implements Condition {
    public HasTag {
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public boolean test(Facts facts) {
      return facts.contact().tags().contains(tag);
    }
  }

  /** The contact's score is at least a bound. */
  record ScoreAtLeast(long bound) implements Condition {
    @Override
    public boolean test(Facts facts) {
      return facts.contact().score() >= bound;
    }
  }

  /** The contact's score is below a bound. */
  record ScoreBelow(long bound) implements Condition {
    @Override
    public boolean test(Facts facts) {
      return facts.contact().score() < bound;
    }
  }

  /** A comparison on a contact attribute. */
  record Attribute(String name, Operator operator, JsonValue operand) implements Condition {
    public Attribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(Facts facts) {
      Optional<JsonValue> value =
          Optional.ofNullable(facts.contact().attributes().get(name)).map(AttributeValue::toJson);
      return operator.test(value, operand);
    }
  }

  /** The contact is in a segment. */
  record InSegment(String segment) implements Condition {
    public InSegment {
      Objects.requireNonNull(segment, "segment");
    }

    @Override
    public boolean test(Facts facts) {
      return facts.contact().segments().contains(segment);
    }
  }

  /** The contact did an event type at least {@code atLeast} times. */
  record EventCount(String eventType, long atLeast) implements Condition {
    public EventCount {
      Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public boolean test(Facts facts) {
      EventStats stats = facts.contact().stats().get(eventType);
      return (stats == null ? 0 : stats.count()) >= atLeast;
    }
  }

  /** The contact did an event type within {@code window} before now (by occurrence time). */
  record DidWithin(String eventType, Duration window) implements Condition {
    public DidWithin {
      Objects.requireNonNull(eventType, "eventType");
      ConfigDurations.check(window, "didWithin window");
    }

    @Override
    public boolean test(Facts facts) {
      EventStats stats = facts.contact().stats().get(eventType);
      return stats != null && !stats.lastAt().isBefore(facts.now().minus(window));
    }
  }

  /** The contact stands at a lifecycle stage. */
  record LifecycleIs(String stage) implements Condition {
    public LifecycleIs {
      Objects.requireNonNull(stage, "stage");
    }

    @Override
    public boolean test(Facts facts) {
      return facts.contact().lifecycle().filter(stage::equals).isPresent();
    }
  }

  /** The contact stands at a lifecycle stage no earlier than {@code stage}, in these stages. */
  record LifecycleAtLeast(String stage, LifecycleStages stages) implements Condition {
    public LifecycleAtLeast {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(stages, "stages");
      if (!stages.contains(stage)) {
        throw new IllegalArgumentException("no lifecycle stage " + stage);
      }
    }

    @Override
    public boolean test(Facts facts) {
      int bound = stages.rank(stage).orElseThrow();
      return facts.contact().lifecycle().flatMap(stages::rank).filter(r -> r >= bound).isPresent();
    }
  }
}
