package dev.touchline.core.domain.contact;

import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A person a workspace knows about, with everything events have taught it.
 *
 * @param lifecycle the contact's lifecycle stage, once a rule has set one
 * @param scoreMarks when each score rule last scored this contact (for {@code once} and {@code
 *     cooldown})
 * @param appliedEvents the greatest ids of the events applied to this contact (at most {@value
 *     #APPLIED_EVENTS_KEPT}, ascending), so that a retry of a half-finished event does not apply it
 *     twice; an applied event that is no longer among them has a smaller id than all of them
 * @param version optimistic-concurrency version, 0 before the first write
 */
public record Contact(
    WorkspaceId workspace,
    ContactId id,
    Identities identities,
    SortedMap<String, AttributeValue> attributes,
    SortedSet<String> tags,
    long score,
    SortedSet<String> segments,
    Optional<String> lifecycle,
    SortedMap<String, EventStats> stats,
    SortedMap<String, Instant> scoreMarks,
    List<EventId> appliedEvents,
    Instant createdAt,
    Instant updatedAt,
    long version)
    implements ContactView {

  /** The highest score a contact can have; scoring past it stays at it. */
  public static final long MAX_SCORE = 1_000_000_000L;

  /** The lowest score a contact can have; scoring below it stays at it. */
  public static final long MIN_SCORE = -1_000_000_000L;

  /** How many applied event ids a contact remembers. */
  public static final int APPLIED_EVENTS_KEPT = 10;

  public Contact {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identities, "identities");
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
    segments = Collections.unmodifiableSortedSet(new TreeSet<>(segments));
    Objects.requireNonNull(lifecycle, "lifecycle");
    stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
    scoreMarks = Collections.unmodifiableSortedMap(new TreeMap<>(scoreMarks));
    appliedEvents = List.copyOf(appliedEvents);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A contact that has just been created with the given identities. */
  public static Contact create(
      WorkspaceId workspace, ContactId id, Identities identities, Instant now) {

    return new Contact(
        workspace,
        id,
        identities,
        new TreeMap<>(),
        new TreeSet<>(),
        0,
        new TreeSet<>(),
        Optional.empty(),
        new TreeMap<>(),
        new TreeMap<>(),
        List.of(),
        now,
        now,
        0);
  }

  /** This contact as stored at another version (for repositories). */
  public Contact withVersion(long newVersion) {
    return new Contact(
        workspace,
        id,
        identities,
        attributes,
        tags,
        score,
        segments,
        lifecycle,
        stats,
        scoreMarks,
        appliedEvents,
        createdAt,
        updatedAt,
        newVersion);
  }

  /** Whether the event with this id has already changed this contact. */
  public boolean hasApplied(EventId eventId) {
    return appliedEvents.contains(eventId);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A mutable working copy used while an event is applied. */
  public static final class Builder implements ContactView {
    private final Contact base;
    private Identities identities;
    private final TreeMap<String, AttributeValue> attributes;
    private final TreeSet<String> tags;
    private long score;
    private final TreeSet<String> segments;
    private Optional<String> lifecycle;
    private final TreeMap<String, EventStats> stats;
    private final TreeMap<String, Instant> scoreMarks;
    private final List<EventId> appliedEvents;

    private Builder(Contact base) {
      this.base = base;
      this.identities = base.identities;
      this.attributes = new TreeMap<>(base.attributes);
      this.tags = new TreeSet<>(base.tags);
      this.score = base.score;
      this.segments = new TreeSet<>(base.segments);
      this.lifecycle = base.lifecycle;
      this.stats = new TreeMap<>(base.stats);
      this.scoreMarks = new TreeMap<>(base.scoreMarks);
      this.appliedEvents = new ArrayList<>(base.appliedEvents);
    }

    public Identities identities() {
      return identities;
    }

    public Builder identities(Identities value) {
      this.identities = value;
      return this;
    }

    @Override
    public SortedMap<String, AttributeValue> attributes() {
      return attributes;
    }

    @Override
    public SortedSet<String> tags() {
      return tags;
    }

    /**
     * Sets an attribute from a JSON value, or removes it for JSON {@code null}; a value no
     * attribute can hold (an object) changes nothing.
     *
     * @return whether the value could be an attribute
     */
    public boolean setAttribute(String name, JsonValue value) {
      Optional<AttributeValue> attribute;
      try {
        attribute = AttributeValue.fromJson(value);
      } catch (IllegalArgumentException notAnAttributeValue) {
        return false;
      }
      if (attribute.isPresent()) {
        attributes.put(name, attribute.get());
      } else {
        attributes.remove(name);
      }
      return true;
    }

    @Override
    public long score() {
      return score;
    }

    /**
     * Adds points, saturating at {@link #MIN_SCORE} and {@link #MAX_SCORE}: a score never
     * overflows, so scoring never fails.
     */
    public Builder addScore(long points) {
      long sum;
      try {
        sum = Math.addExact(score, points);
      } catch (ArithmeticException overflow) {
        sum = points > 0 ? MAX_SCORE : MIN_SCORE;
      }
      this.score = Math.max(MIN_SCORE, Math.min(MAX_SCORE, sum));
      return this;
    }

    @Override
    public SortedSet<String> segments() {
      return segments;
    }

    @Override
    public Optional<String> lifecycle() {
      return lifecycle;
    }

    /** Moves the contact to a lifecycle stage (the rules of moving are the caller's). */
    public Builder lifecycle(String stage) {
      this.lifecycle = Optional.of(stage);
      return this;
    }

    @Override
    public SortedMap<String, EventStats> stats() {
      return stats;
    }

    public SortedMap<String, Instant> scoreMarks() {
      return scoreMarks;
    }

    /**
     * Remembers an applied event among the {@value #APPLIED_EVENTS_KEPT} greatest ids applied
     * (ascending). Greatest, not latest: events of one contact may be applied out of receipt order
     * (a queue, concurrent requests), and an event that is not remembered must then have been
     * applied before all that are, which its smaller id shows.
     */
    public Builder markApplied(EventId eventId) {
      if (!appliedEvents.contains(eventId)) {
        appliedEvents.add(eventId);
      }
      appliedEvents.sort(null);
      while (appliedEvents.size() > APPLIED_EVENTS_KEPT) {
        appliedEvents.remove(0);
      }
      return this;
    }

    /** The workspace and id of the contact being changed. */
    public Contact base() {
      return base;
    }

    public Contact build(Instant updatedAt) {
      return new Contact(
          base.workspace,
          base.id,
          identities,
          attributes,
          tags,
          score,
          segments,
          lifecycle,
          stats,
          scoreMarks,
          appliedEvents,
          base.createdAt,
          updatedAt,
          base.version);
    }
  }
}
