package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.contact.ContactId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dedup claim is about: a client's messageId, a business key's value, or a contact's
 * throttle slot. Each builds the key the ledger stores, which stays the same from one version to
 * the next (stored claims outlive a deployment).
 */
public sealed interface DedupKey
    permits DedupKey.MessageId, DedupKey.BusinessKeyValue, DedupKey.ThrottleSlot {

  /** The key as the ledger stores it, e.g. {@code msg:m-1}. */
  String stored();

  /** A client's messageId. */
  record MessageId(String messageId) implements DedupKey {
    public MessageId {
      Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String stored() {
      return "msg:" + messageId;
    }
  }

  /** The value of a business key (e.g. {@code purchase} on {@code orderId}) in one event. */
  record BusinessKeyValue(String eventType, String propertyPath, String value) implements DedupKey {
    public BusinessKeyValue {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(propertyPath, "propertyPath");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String stored() {
      return "bk:" + eventType + ":" + propertyPath + ":" + value;
    }
  }

  /**
   * A contact's slot for a throttled event type; {@code perValue} is the throttled property's value
   * ({@code -} when the event lacks it) for a throttle per property, empty otherwise.
   */
  record ThrottleSlot(String eventType, ContactId contact, Optional<String> perValue)
      implements DedupKey {
    public ThrottleSlot {
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(perValue, "perValue");
    }

    @Override
    public String stored() {
      return "thr:" + eventType + ":" + contact.value() + perValue.map(v -> ":" + v).orElse("");
    }
  }
}
