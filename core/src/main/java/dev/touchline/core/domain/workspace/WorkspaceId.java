package dev.touchline.core.domain.workspace;

import java.util.Objects;
import java.util.regex.Pattern;

/** The tenant: every contact, event, key and rule belongs to exactly one workspace. */
public record WorkspaceId(String value) {
  /** Every id matches it: 1-64 letters, digits, '_' or '-'. */
  public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";

  private static final Pattern SHAPE = Pattern.compile(PATTERN);

  public WorkspaceId {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "WorkspaceId must be 1-64 characters of letters, digits, '_' or '-': " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
