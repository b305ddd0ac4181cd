package dev.touchline.core.domain.workspace;

import dev.touchline.core.domain.contact.LifecycleStages;
import dev.touchline.core.domain.dedup.DedupPolicy;
import dev.touchline.core.domain.rule.Rule;
import dev.touchline.core.domain.rule.RuleSet;
import dev.touchline.core.domain.segment.Segment;
import java.util.List;
import java.util.Objects;

/**
 * A workspace's parsed configuration: identity policy, dedup and filtering, rules, segments,
 * lifecycle stages and event vocabulary.
 */
public record WorkspaceConfig(
    IdentityPolicy identity,
    DedupPolicy dedup,
    RuleSet rules,
    List<Segment> segments,
    LifecycleStages lifecycle,
    Vocabulary vocabulary) {

  public WorkspaceConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(dedup, "dedup");
    Objects.requireNonNull(rules, "rules");
    segments = List.copyOf(segments);
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(vocabulary, "vocabulary");
  }

  /** A configuration with the default lifecycle stages and an open vocabulary. */
  public static WorkspaceConfig of(
      IdentityPolicy identity, DedupPolicy dedup, List<Rule> rules, List<Segment> segments) {
    return of(identity, dedup, rules, segments, LifecycleStages.DEFAULT, Vocabulary.OPEN);
  }

  public static WorkspaceConfig of(
      IdentityPolicy identity,
      DedupPolicy dedup,
      List<Rule> rules,
      List<Segment> segments,
      LifecycleStages lifecycle,
      Vocabulary vocabulary) {
    return new WorkspaceConfig(
        identity, dedup, new RuleSet(rules), segments, lifecycle, vocabulary);
  }

  /** Whether the configuration has a segment with this id. */
  public boolean hasSegment(String id) {
    return segments.stream().anyMatch(s -> s.id().equals(id));
  }
}
