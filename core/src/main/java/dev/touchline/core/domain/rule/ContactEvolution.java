package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.EventStats;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.segment.Segment;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one event to a contact: per-type stats, traits, rules in order, then rounds (bounded) in
 * which lifecycle moves and segment entries and exits are offered to rules as derived facts.
 */
public final class ContactEvolution {
  /** Event types whose properties, like any event's traits, set contact attributes. */
  public static final Set<String> ATTRIBUTE_EVENTS = Set.of("identify", "update", "login");

  /**
   * How many rounds of segment re-evaluation one event may cause; configurations whose rules keep
   * moving a contact in and out of segments stop here.
   */
  public static final int MAX_SEGMENT_ROUNDS = 4;

  /**
   * The derived fact of a lifecycle move, offered to rules with the properties {@code from} (null
   * for a contact that had no stage) and {@code to}.
   */
  public static final String LIFECYCLE_CHANGED = "lifecycle.changed";

  /** The fact types the engine derives; a client cannot send an event of one of them. */
  public static final Set<String> DERIVED_FACTS =
      Set.of(Segment.ENTERED, Segment.EXITED, LIFECYCLE_CHANGED);

  private ContactEvolution() {}

  /** The event's facts as the evolution sees them. */
  public record EventFacts(
      EventId id,
      String type,
      JsonObject properties,
      Optional<JsonObject> traits,
      Instant occurredAt) {
    public EventFacts {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(properties, "properties");
      Objects.requireNonNull(traits, "traits");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }

  /** The contact after the event, and the triggers it fired (in firing order, ids unique). */
  public record Result(Contact contact, List<Trigger> triggers) {
    public Result {
      Objects.requireNonNull(contact, "contact");
      triggers = List.copyOf(triggers);
    }
  }

  public static Result apply(
      WorkspaceConfig config, Contact before, EventFacts event, Instant now) {
    Contact.Builder b = before.toBuilder();
    b.stats()
        .merge(
            event.type(),
            EventStats.first(event.occurredAt()),
            (old, x) -> old.plus(event.occurredAt()));
    event.traits().ifPresent(traits -> setAttributes(b, traits));
    if (ATTRIBUTE_EVENTS.contains(event.type())) {
      setAttributes(b, event.properties());
    }
    Map<String, Trigger> fired = new LinkedHashMap<>();
    List<String[]> lifecycleChanges = new ArrayList<>(); // {from or null, to}, in order
    runRules(
        config,
        b,
        event,
        event.type(),
        event.properties(),
        "",
        now,
        before,
        fired,
        lifecycleChanges);

    for (int round = 0; round < MAX_SEGMENT_ROUNDS; round++) {
      List<String[]> changes = new ArrayList<>();
      Facts segmentFacts = new Facts(Optional.empty(), b, now);
      List<Boolean> membership = new ArrayList<>(config.segments().size());
      for (Segment segment : config.segments()) {
        membership.add(segment.condition().test(segmentFacts)); // all judged on the same state
      }
      for (int i = 0; i < config.segments().size(); i++) {
        Segment segment = config.segments().get(i);
        boolean member = membership.get(i);
        boolean was = b.segments().contains(segment.id());
        if (member && !was) {
          b.segments().add(segment.id());
          changes.add(new String[] {Segment.ENTERED, segment.id()});
        } else if (!member && was) {
          b.segments().remove(segment.id());
          changes.add(new String[] {Segment.EXITED, segment.id()});
        }
      }
      List<String[]> moves = new ArrayList<>(lifecycleChanges);
      lifecycleChanges.clear();
      if (changes.isEmpty() && moves.isEmpty()) {
        break;
      }
      for (String[] move : moves) {
        JsonObject props = JsonValue.object("from", move[0], "to", move[1]);
        String key =
            LIFECYCLE_CHANGED + ":" + (move[0] == null ? "none" : move[0]) + "->" + move[1];
        runRules(
            config, b, event, LIFECYCLE_CHANGED, props, key, now, before, fired, lifecycleChanges);
      }
      for (String[] change : changes) {
        JsonObject props = JsonValue.object("segment", change[1]);
        runRules(
            config,
            b,
            event,
            change[0],
            props,
            change[0] + ":" + change[1],
            now,
            before,
            fired,
            lifecycleChanges);
      }
    }
    b.markApplied(event.id());
    return new Result(b.build(now), new ArrayList<>(fired.values()));
  }

  private static void runRules(
      WorkspaceConfig config,
      Contact.Builder b,
      EventFacts event,
      String factType,
      JsonObject properties,
      String factKey,
      Instant now,
      Contact before,
      Map<String, Trigger> fired,
      List<String[]> lifecycleChanges) {
    for (Rule rule : config.rules().forType(factType)) {
      Facts facts = new Facts(Optional.of(properties), b, now);
      if (rule.where().map(c -> !c.test(facts)).orElse(false)) {
        continue;
      }
      if (rule.condition().map(c -> !c.test(facts)).orElse(false)) {
        continue;
      }
      for (Action action : rule.actions()) {
        apply(
            config,
            action,
            rule,
            b,
            event,
            properties,
            factType,
            factKey,
            now,
            before,
            fired,
            lifecycleChanges);
      }
    }
  }

  private static void apply(
      WorkspaceConfig config,
      Action action,
      Rule rule,
      Contact.Builder b,
      EventFacts event,
      JsonObject properties,
      String factType,
      String factKey,
      Instant now,
      Contact before,
      Map<String, Trigger> fired,
      List<String[]> lifecycleChanges) {
    if (action instanceof Action.AddTag add) {
      b.tags().add(add.tag());
    } else if (action instanceof Action.RemoveTag remove) {
      b.tags().remove(remove.tag());
    } else if (action instanceof Action.Score score) {
      Instant last = b.scoreMarks().get(rule.id());
      boolean blocked =
          last != null
              && (score.once()
                  || score.cooldown().map(c -> now.isBefore(last.plus(c))).orElse(false));
      if (!blocked) {
        b.addScore(score.points());
        if (score.once() || score.cooldown().isPresent()) {
          b.scoreMarks()
              .put(rule.id(), now); // only these rules need to remember; keeps contacts small
        }
      }
    } else if (action instanceof Action.SetAttribute set) {
      if (set.source() instanceof ValueSource.EventTime) {
        b.attributes().put(set.name(), new AttributeValue.Timestamp(event.occurredAt()));
      } else if (set.source() instanceof ValueSource.Literal literal) {
        setAttribute(b, set.name(), literal.value());
      } else if (set.source() instanceof ValueSource.FromProperty from) {
        properties.at(from.path()).ifPresent(v -> setAttribute(b, set.name(), v));
      }
    } else if (action instanceof Action.SetLifecycle set) {
      Optional<String> current = b.lifecycle();
      boolean moves =
          !current.equals(Optional.of(set.stage()))
              && (set.force() || config.lifecycle().isForward(current, set.stage()));
      if (moves) {
        b.lifecycle(set.stage());
        lifecycleChanges.add(new String[] {current.orElse(null), set.stage()});
      }
    } else if (action instanceof Action.Trigger trigger) {
      String id = Trigger.idFor(event.id(), rule.id(), factKey + "|" + trigger.workflow());
      String cause =
          "rule "
              + rule.id()
              + " on "
              + factType
              + (factKey.isEmpty() ? "" : " " + subjectOf(factKey));
      fired.putIfAbsent(
          id,
          new Trigger(
              id,
              trigger.workflow(),
              before.workspace(),
              before.id(),
              event.id(),
              rule.id(),
              now,
              cause));
    }
  }

  private static String subjectOf(String factKey) {
    return factKey.substring(factKey.indexOf(':') + 1);
  }

  private static void setAttributes(Contact.Builder b, JsonObject values) {
    for (Map.Entry<String, JsonValue> e : values.fields().entrySet()) {
      setAttribute(b, e.getKey(), e.getValue());
    }
  }

  private static void setAttribute(Contact.Builder b, String name, JsonValue value) {
    // traits are checked at the edge; a property holding an object sets nothing
    b.setAttribute(name, value);
  }
}
