package dev.touchline.core.domain.workspace;

import dev.touchline.core.domain.dedup.DedupPolicy;
import dev.touchline.core.domain.rule.Rule;
import dev.touchline.core.domain.rule.RuleSet;
import dev.touchline.core.domain.segment.Segment;
import java.util.List;
import java.util.Objects;

/** A workspace's parsed configuration: identity policy, dedup and filtering, rules and segments. */
public record WorkspaceConfig(
    IdentityPolicy identity, DedupPolicy dedup, RuleSet rules, List<Segment> segments) {

  public WorkspaceConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(dedup, "dedup");
    Objects.requireNonNull(rules, "rules");
    segments = List.copyOf(segments);
  }

  public static WorkspaceConfig of(
      IdentityPolicy identity, DedupPolicy dedup, List<Rule> rules, List<Segment> segments) {
    return new WorkspaceConfig(identity, dedup, new RuleSet(rules), segments);
  }
}
