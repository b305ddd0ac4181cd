package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.value.ConfigDurations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a rule does when it matches. */
public sealed interface Action
    permits Action.AddTag,
        Action.RemoveTag,
        Action.Score,
        Action.SetAttribute,
        Action.SetLifecycle,
        Action.Trigger {

  /** Adds a tag. */
  record AddTag(String tag) implements Action {
    public AddTag {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** Removes a tag. */
  record RemoveTag(String tag) implements Action {
    public RemoveTag {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /**
   * Adds points (negative to subtract); with {@code once}, at most once per contact; with a
   * cooldown, not again until it has passed.
   */
  record Score(long points, boolean once, Optional<Duration> cooldown) implements Action {
    /** The most points one score action may add or take. */
    public static final long MAX_POINTS = 1_000_000L;

    public Score {
      Objects.requireNonNull(cooldown, "cooldown");
      if (points > MAX_POINTS || points < -MAX_POINTS) {
        throw new IllegalArgumentException(
            "points must lie between -" + MAX_POINTS + " and " + MAX_POINTS + ": " + points);
      }
      cooldown.ifPresent(c -> ConfigDurations.check(c, "cooldown"));
    }
  }

  /** Sets (or, with a JSON null, removes) a contact attribute. */
  record SetAttribute(String name, ValueSource source) implements Action {
    public SetAttribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Moves the contact to a lifecycle stage: only forward unless {@code force}; a move produces a
   * {@code lifecycle.changed} fact.
   */
  record SetLifecycle(String stage, boolean force) implements Action {
    public SetLifecycle {
      Objects.requireNonNull(stage, "stage");
    }
  }

  /** Fires a workflow trigger. */
  record Trigger(String workflow) implements Action {
    public Trigger {
      Objects.requireNonNull(workflow, "workflow");
    }
  }
}
