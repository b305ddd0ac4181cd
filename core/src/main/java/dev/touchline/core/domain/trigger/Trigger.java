package dev.touchline.core.domain.trigger;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A fired workflow trigger. Its id is derived from the event, the rule and the fact that fired it,
 * so redelivering the same event yields the same id and the trigger is recorded once.
 *
 * @param cause what fired it, e.g. {@code rule welcome on signup}
 */
public record Trigger(
    String id,
    String workflow,
    WorkspaceId workspace,
    ContactId contactId,
    EventId eventId,
    String ruleId,
    Instant firedAt,
    String cause) {

  public Trigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(firedAt, "firedAt");
    Objects.requireNonNull(cause, "cause");
  }

  /** The deterministic id of the trigger a rule fires for a fact of an event. */
  public static String idFor(EventId eventId, String ruleId, String factKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (eventId.value() + "|" + ruleId + "|" + factKey).getBytes(StandardCharsets.UTF_8));
      return "trg_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
