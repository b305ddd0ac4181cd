package dev.touchline.core.domain.event;

import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as a client sent it, before validation against limits and identity normalisation.
 *
 * @param payload the original JSON of the item, kept (bounded) for the incoming log
 * @param bot whether the client marked the event as coming from a bot ({@code context.bot})
 */
public record EventInput(
    String type,
    Optional<String> customer,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> externalId,
    JsonObject properties,
    Optional<JsonObject> traits,
    Optional<ClientTimestamp> timestamp,
    Optional<String> messageId,
    EventContext context,
    boolean bot,
    String payload) {

  public EventInput {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(traits, "traits");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(payload, "payload");
  }

  /** A minimal input, for code that builds events directly (embedding, tests). */
  public static EventInput of(String type, String identifierField, String identifierValue) {
    Optional<String> v = Optional.of(identifierValue);
    Optional<String> none = Optional.empty();
    return new EventInput(
        type,
        identifierField.equals("customer") ? v : none,
        identifierField.equals("email") ? v : none,
        identifierField.equals("phone") ? v : none,
        identifierField.equals("externalId") ? v : none,
        JsonObject.EMPTY,
        Optional.empty(),
        Optional.empty(),
        none,
        EventContext.EMPTY,
        false,
        "");
  }

  public EventInput withProperties(JsonObject value) {
    return new EventInput(
        type,
        customer,
        email,
        phone,
        externalId,
        value,
        traits,
        timestamp,
        messageId,
        context,
        bot,
        payload);
  }

  public EventInput withTraits(JsonObject value) {
    return new EventInput(
        type,
        customer,
        email,
        phone,
        externalId,
        properties,
        Optional.of(value),
        timestamp,
        messageId,
        context,
        bot,
        payload);
  }

  public EventInput withMessageId(String value) {
    return new EventInput(
        type,
        customer,
        email,
        phone,
        externalId,
        properties,
        traits,
        timestamp,
        Optional.of(value),
        context,
        bot,
        payload);
  }

  public EventInput withTimestamp(ClientTimestamp value) {
    return new EventInput(
        type,
        customer,
        email,
        phone,
        externalId,
        properties,
        traits,
        Optional.of(value),
        messageId,
        context,
        bot,
        payload);
  }

  public EventInput withContext(EventContext value, boolean isBot) {
    return new EventInput(
        type,
        customer,
        email,
        phone,
        externalId,
        properties,
        traits,
        timestamp,
        messageId,
        value,
        isBot,
        payload);
  }

  /**
   * A digest of what the client said (every field but the raw payload text), so that a replay of
   * the same event with the same messageId is recognised and a different one is a conflict.
   */
  public String fingerprint() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(new JsonValue.JsonString(type).canonical()).append('|');
    for (Optional<String> field :
        java.util.List.of(customer, email, phone, externalId, messageId)) {
      canonical.append(field.map(s -> new JsonValue.JsonString(s).canonical()).orElse("-"));
      canonical.append('|');
    }
    properties.appendCanonical(canonical);
    canonical.append('|');
    canonical.append(traits.map(JsonValue::canonical).orElse("-")).append('|');
    canonical.append(timestamp.map(ClientTimestamp::text).orElse("-")).append('|');
    for (Optional<String> field : context.values()) {
      canonical.append(field.map(s -> new JsonValue.JsonString(s).canonical()).orElse("-"));
      canonical.append('|');
    }
    canonical.append(bot);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
