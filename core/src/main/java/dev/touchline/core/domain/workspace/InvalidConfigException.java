package dev.touchline.core.domain.workspace;

import dev.touchline.core.domain.error.Excerpt;
import java.util.Optional;

/**
 * A workspace configuration document that cannot be used, with the rule or segment and the JSON
 * path at fault.
 */
public class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String ruleId;
  private final String path;

  public InvalidConfigException(String ruleId, String path, String problem) {
    super(
        (ruleId == null
                ? ""
                : (path.startsWith("$.segments") ? "segment " : "rule ")
                    + Excerpt.quoted(ruleId)
                    + ": ")
            + problem
            + " (at "
            + path
            + ")");
    this.ruleId = ruleId;
    this.path = path;
  }

  /** The id of the rule or segment at fault, when the fault is inside one. */
  public Optional<String> ruleId() {
    return Optional.ofNullable(ruleId);
  }

  /** The JSON path of the fault, e.g. {@code $.rules[2].then[0].score.points}. */
  public String path() {
    return path;
  }
}
