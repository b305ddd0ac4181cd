package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.rule.ContactEvolution;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.Vocabulary;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.service.IdentityResolver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an event before anything is read or written: its type, that it names a contact, the
 * customer id, identifiers (normalised), timestamp, messageId and traits. Answers with a value: the
 * event as the pipeline needs it, or the refusal.
 */
public final class EventValidation {
  private EventValidation() {}

  /** What validation found. */
  sealed interface Result permits Valid, Refused {}

  /** The event's contact references and time, checked. */
  record Valid(
      Optional<ContactId> customer, List<Identifier> identifiers, ClientTimestamp timestamp)
      implements Result {}

  /** Why the event is refused. */
  record Refused(IngestOutcome.Rejected rejection) implements Result {}

  /**
   * @param normalized the event's identifiers when a caller normalised them already (a batch does,
   *     to group its items); empty to normalise them here
   */
  static Result validate(
      EventInput input,
      WorkspaceConfig config,
      IngestLimits limits,
      Instant receivedAt,
      Optional<List<Identifier>> normalized) {
    String type = input.type();
    if (type.isBlank()) {
      return refused("event", "event must not be blank");
    }
    if (type.length() > limits.maxTypeLength()) {
      return refused("event", "event must be at most " + limits.maxTypeLength() + " characters");
    }
    if (type.chars().anyMatch(Character::isISOControl)) {
      return refused("event", "event must not contain control characters");
    }
    if (ContactEvolution.DERIVED_FACTS.contains(type)) {
      return refused(
          "event", type + " is a fact the engine derives for rules; it cannot be sent as an event");
    }
    if (input.customer().isEmpty()
        && input.email().isEmpty()
        && input.phone().isEmpty()
        && input.externalId().isEmpty()) {
      return refused(
          "customer", "an event needs at least one of customer, email, phone, externalId");
    }
    Optional<ContactId> customer = Optional.empty();
    if (input.customer().isPresent()) {
      String raw = input.customer().get().strip();
      if (raw.isBlank() || raw.length() > 64) {
        return refused("customer", "customer must be 1-64 characters, not blank");
      }
      customer = Optional.of(new ContactId(raw));
    }
    List<Identifier> identifiers;
    try {
      identifiers =
          normalized.isPresent()
              ? normalized.get()
              : IdentityResolver.normalize(
                  input.email(),
                  input.phone(),
                  input.externalId(),
                  config.identity().defaultRegion());
    } catch (InvalidIdentifierException e) {
      return refused(e.field(), e.getMessage());
    }
    ClientTimestamp timestamp = input.timestamp().orElse(ClientTimestamp.of(receivedAt));
    if (timestamp.instant().isAfter(receivedAt.plus(limits.maxFutureSkew()))) {
      return refused(
          "timestamp",
          "timestamp lies more than "
              + limits.maxFutureSkew().toHours()
              + "h in the future: "
              + timestamp.text());
    }
    if (input.messageId().isPresent()) {
      String messageId = input.messageId().get();
      if (messageId.isBlank() || messageId.length() > IngestLimits.MAX_MESSAGE_ID_LENGTH) {
        return refused(
            "messageId",
            "messageId must be 1-" + IngestLimits.MAX_MESSAGE_ID_LENGTH + " characters");
      }
    }
    if (input.traits().isPresent()) {
      Optional<IngestOutcome.Rejected> notAttributes =
          attributeProblem(input.traits().get(), "traits");
      if (notAttributes.isPresent()) {
        return new Refused(notAttributes.get());
      }
    }
    Optional<Vocabulary.Misfit> misfit = config.vocabulary().check(type, input.properties());
    if (misfit.isPresent()) {
      return refused(misfit.get().field(), misfit.get().message());
    }
    return new Valid(customer, identifiers, timestamp);
  }

  /**
   * Why some value of an object cannot be a contact attribute (an object value), naming the field;
   * empty when every value can be one.
   */
  public static Optional<IngestOutcome.Rejected> attributeProblem(
      JsonValue.JsonObject values, String field) {
    for (Map.Entry<String, JsonValue> e : values.fields().entrySet()) {
      try {
        AttributeValue.fromJson(e.getValue());
      } catch (IllegalArgumentException notAnAttribute) {
        String path = field + "." + Excerpt.of(e.getKey());
        return Optional.of(
            new IngestOutcome.Rejected(
                ErrorCode.INVALID_PAYLOAD,
                path + ": " + notAnAttribute.getMessage(),
                Optional.of(path)));
      }
    }
    return Optional.empty();
  }

  private static Refused refused(String field, String message) {
    return new Refused(
        new IngestOutcome.Rejected(ErrorCode.INVALID_PAYLOAD, message, Optional.of(field)));
  }
}
