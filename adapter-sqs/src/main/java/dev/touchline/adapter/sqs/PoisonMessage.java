package dev.touchline.adapter.sqs;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * A message that can never be ingested however often it is delivered: not an envelope, a workspace
 * this consumer does not serve, or a payload that does not decode. The consumer records it in the
 * incoming log with this message and deletes it.
 */
public final class PoisonMessage extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Optional<WorkspaceId> workspace;
  private final String field;

  PoisonMessage(String message, String field, Optional<WorkspaceId> workspace) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.field = field;
    this.workspace = workspace;
  }

  /** The envelope's workspace, when it named a valid one. */
  public Optional<WorkspaceId> workspace() {
    return workspace;
  }

  /** The envelope field at fault ({@code workspace}, {@code payload}, …), when there is one. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
