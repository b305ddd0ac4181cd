package dev.touchline.core.wire;

import static dev.touchline.core.wire.ApiSupport.answer;
import static dev.touchline.core.wire.ApiSupport.given;
import static dev.touchline.core.wire.ApiSupport.notFound;
import static dev.touchline.core.wire.ApiSupport.page;
import static dev.touchline.core.wire.ApiSupport.respond;
import static dev.touchline.core.wire.ApiSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.port.in.UpsertContactUseCase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/contacts}: read contacts, and create or update one by identity. */
public final class ContactsResource {
  static final List<String> FIND_PARAMETERS =
      List.of("email", "phone", "externalId", "segment", "tag", "lifecycle", "limit", "cursor");

  /** The longest segment id, tag or stage a listing takes (as long as a string may be). */
  static final int MAX_AUDIENCE_CHARS = 8 * 1024;

  private final ApiSupport support;

  ContactsResource(ApiSupport support) {
    this.support = support;
  }

  /**
   * {@code GET /v1/contacts}: with exactly one of {@code email}, {@code phone}, {@code externalId}
   * the contact owning it; with exactly one of {@code segment}, {@code tag}, {@code lifecycle} a
   * page of the contacts in that audience, ordered by contact id.
   */
  public ApiResponse find(
      ApiCall call,
      Optional<String> email,
      Optional<String> phone,
      Optional<String> externalId,
      Optional<String> segment,
      Optional<String> tag,
      Optional<String> lifecycle,
      Optional<String> limit,
      Optional<String> cursor) {
    return answer(
        "GET /v1/contacts",
        () -> {
          Caller caller = support.caller(call, FIND_PARAMETERS);
          Map<IdentityType, Optional<String>> identifiers = new EnumMap<>(IdentityType.class);
          identifiers.put(IdentityType.EMAIL, given(email));
          identifiers.put(IdentityType.PHONE, given(phone));
          identifiers.put(IdentityType.EXTERNAL_ID, given(externalId));
          List<IdentityType> byIdentifier = new ArrayList<>();
          for (IdentityType type : IdentityType.values()) {
            if (identifiers.getOrDefault(type, Optional.empty()).isPresent()) {
              byIdentifier.add(type);
            }
          }
          List<Audience> byAudience = new ArrayList<>();
          given(segment).map(Audience.InSegment::new).ifPresent(byAudience::add);
          given(tag).map(Audience.Tagged::new).ifPresent(byAudience::add);
          given(lifecycle).map(Audience.AtStage::new).ifPresent(byAudience::add);
          if (byIdentifier.size() + byAudience.size() != 1) {
            throw TouchlineException.invalid(
                "email",
                "give exactly one of the query parameters email, phone, externalId (a contact),"
                    + " segment, tag, lifecycle (a listing)");
          }
          if (!byAudience.isEmpty()) {
            Audience audience = byAudience.get(0);
            if (audience.name().length() > MAX_AUDIENCE_CHARS) {
              throw TouchlineException.invalid(
                  audience.kind(),
                  audience.kind() + " must be at most " + MAX_AUDIENCE_CHARS + " characters");
            }
            return respond(
                200,
                Documents.list(
                    support.engine().contacts().list(caller, audience, page(limit, cursor)),
                    Documents::contact));
          }
          if (given(limit).isPresent() || given(cursor).isPresent()) {
            throw TouchlineException.invalid(
                given(limit).isPresent() ? "limit" : "cursor",
                "limit and cursor page a listing by segment, tag or lifecycle, not a search by"
                    + " identifier");
          }
          IdentityType type = byIdentifier.get(0);
          String value = identifiers.get(type).orElseThrow();
          return support
              .engine()
              .contacts()
              .findByIdentifier(caller, type, value)
              .map(c -> respond(200, Documents.contact(c)))
              .orElseThrow(
                  () -> notFound("contact with " + type.wireName() + " " + Excerpt.quoted(value)));
        });
  }

  /** {@code GET /v1/contacts/{id}}. */
  public ApiResponse get(ApiCall call, String id) {
    return answer(
        "GET /v1/contacts/{id}",
        () -> {
          Caller caller = support.caller(call, List.of());
          return support
              .engine()
              .contacts()
              .get(caller, id)
              .map(c -> respond(200, Documents.contact(c)))
              .orElseThrow(() -> notFound("contact " + Excerpt.quoted(id)));
        });
  }

  /** {@code POST /v1/contacts}: {@code {email?, phone?, externalId?, attributes?}}. */
  public ApiResponse upsert(ApiCall call, byte[] body) {
    return answer(
        "POST /v1/contacts",
        () -> {
          Caller caller = support.caller(call, List.of());
          JsonNode doc = support.object(call, body);
          ApiSupport.onlyFields(doc, List.of("email", "phone", "externalId", "attributes"));
          JsonNode attributes = doc.get("attributes");
          var limits = support.engine().limits();
          JsonValue.JsonObject attrs =
              attributes == null || attributes.isNull()
                  ? JsonValue.JsonObject.EMPTY
                  : JsonValues.toObject(
                      attributes, "attributes", limits.maxDepth(), limits.maxStringLength());
          var result =
              support
                  .engine()
                  .upsertContacts()
                  .upsert(
                      caller,
                      new UpsertContactUseCase.Command(
                          text(doc, "email"), text(doc, "phone"), text(doc, "externalId"), attrs));
          ObjectNode answer = Documents.contact(result.contact());
          answer.put("resolved", result.resolved().wireName());
          return respond(result.created() ? 201 : 200, answer);
        });
  }
}
