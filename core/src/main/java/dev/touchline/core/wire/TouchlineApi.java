package dev.touchline.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.in.UpsertContactUseCase;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public API of DESIGN §3 as one framework-free function from request to response: routing,
 * authentication, scopes, decoding, use case, encoding and error documents. Runtimes that are not
 * an HTTP framework (Lambda, tests, embedding code) call {@link #handle} directly.
 */
public final class TouchlineApi {
  private static final Logger LOG = Logger.getLogger(TouchlineApi.class.getName());
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private final Touchline engine;
  private final EventRequestDecoder decoder;
  private final ObjectMapper strict;

  public TouchlineApi(Touchline engine) {
    this.engine = engine;
    this.decoder = new EventRequestDecoder(engine.limits());
    this.strict = JsonMappers.strict(engine.limits());
  }

  /** Serves one request; never throws for bad input (it becomes an error document). */
  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (TouchlineException e) {
      return error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request failed: " + request.method() + " " + request.path(), e);
      return respond(
          500,
          Documents.error(
              ErrorCode.INTERNAL_ERROR,
              "internal error; the request may be retried",
              Optional.empty()));
    }
  }

  private ApiResponse route(ApiRequest r) {
    String path =
        r.path().endsWith("/") && r.path().length() > 1
            ? r.path().substring(0, r.path().length() - 1)
            : r.path();
    String[] parts = path.split("/", -1);
    boolean events = path.equals("/v1/events");
    if (events && r.method().equals("POST")) {
      return postEvents(caller(r), r);
    }
    if (events && r.method().equals("GET")) {
      return listEvents(caller(r), r);
    }
    if (path.equals("/v1/events/incoming") && r.method().equals("GET")) {
      return listIncoming(caller(r), r);
    }
    if (parts.length == 4 && path.startsWith("/v1/events/") && r.method().equals("GET")) {
      Caller caller = caller(r);
      return engine
          .events()
          .get(caller, parts[3])
          .map(e -> respond(200, Documents.event(e)))
          .orElseThrow(() -> notFound("event " + parts[3]));
    }
    if (path.equals("/v1/contacts") && r.method().equals("GET")) {
      return findContact(caller(r), r);
    }
    if (path.equals("/v1/contacts") && r.method().equals("POST")) {
      return upsertContact(caller(r), r);
    }
    if (parts.length == 4 && path.startsWith("/v1/contacts/") && r.method().equals("GET")) {
      Caller caller = caller(r);
      return engine
          .contacts()
          .get(caller, parts[3])
          .map(c -> respond(200, Documents.contact(c)))
          .orElseThrow(() -> notFound("contact " + parts[3]));
    }
    if (path.equals("/v1/workspace/config") && r.method().equals("GET")) {
      return config(engine.workspaceConfig().get(caller(r)));
    }
    if (path.equals("/v1/workspace/config") && r.method().equals("PUT")) {
      Caller caller = caller(r);
      EventRequestDecoder.parse(r.body(), engine.limits(), strict); // well-formed, within limits
      return config(
          engine.workspaceConfig().replace(caller, new String(r.body(), StandardCharsets.UTF_8)));
    }
    throw notFound("route " + r.method() + " " + r.path());
  }

  private ApiResponse postEvents(Caller caller, ApiRequest r) {
    Optional<String> key = r.header("Idempotency-Key");
    IngestCommand command = decoder.decode(r.body(), key);
    IngestResult result = engine.ingest().ingest(caller, command);
    if (command.batch()) {
      return respond(200, Documents.batch(result));
    }
    var outcome = result.outcomes().get(0);
    return respond(Documents.singleStatus(outcome), Documents.single(outcome));
  }

  private ApiResponse listEvents(Caller caller, ApiRequest r) {
    Optional<ContactId> contactId =
        param(r, "contactId")
            .map(
                id -> {
                  if (id.length() > 64) {
                    throw TouchlineException.invalid(
                        "contactId", "contactId is at most 64 characters");
                  }
                  return new ContactId(id);
                });
    Optional<String> type = param(r, "type");
    return respond(
        200,
        Documents.list(engine.events().list(caller, contactId, type, page(r)), Documents::event));
  }

  private ApiResponse listIncoming(Caller caller, ApiRequest r) {
    Optional<IncomingStatus> status =
        param(r, "status")
            .map(
                s ->
                    IncomingStatus.fromWireName(s)
                        .orElseThrow(
                            () ->
                                TouchlineException.invalid(
                                    "status",
                                    "status must be one of received, processed, failed, rejected, discarded, duplicate")));
    return respond(
        200, Documents.list(engine.incoming().list(caller, status, page(r)), Documents::incoming));
  }

  private ApiResponse findContact(Caller caller, ApiRequest r) {
    List<IdentityType> given = new ArrayList<>();
    for (IdentityType type : IdentityType.values()) {
      if (param(r, type.wireName()).isPresent()) {
        given.add(type);
      }
    }
    if (given.size() != 1) {
      throw TouchlineException.invalid(
          "email", "give exactly one of the query parameters email, phone, externalId");
    }
    IdentityType type = given.get(0);
    String value = param(r, type.wireName()).orElseThrow();
    Optional<Contact> found = engine.contacts().findByIdentifier(caller, type, value);
    return found
        .map(c -> respond(200, Documents.contact(c)))
        .orElseThrow(() -> notFound("contact with " + type.wireName() + " " + value));
  }

  private ApiResponse upsertContact(Caller caller, ApiRequest r) {
    JsonNode body = EventRequestDecoder.parse(r.body(), engine.limits(), strict);
    if (!body.isObject()) {
      throw TouchlineException.invalid(null, "the body must be a JSON object");
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!List.of("email", "phone", "externalId", "attributes").contains(f)) {
                throw TouchlineException.invalid(f, "unknown field '" + f + "'");
              }
            });
    JsonNode attributes = body.get("attributes");
    JsonValue.JsonObject attrs =
        attributes == null || attributes.isNull()
            ? JsonValue.JsonObject.EMPTY
            : JsonValues.toObject(
                attributes,
                "attributes",
                engine.limits().maxDepth(),
                engine.limits().maxStringLength());
    var result =
        engine
            .upsertContacts()
            .upsert(
                caller,
                new UpsertContactUseCase.Command(
                    text(body, "email"), text(body, "phone"), text(body, "externalId"), attrs));
    ObjectNode doc = Documents.contact(result.contact());
    doc.put("resolved", result.resolved().wireName());
    return respond(result.created() ? 201 : 200, doc);
  }

  private ApiResponse config(StoredConfig stored) {
    return new ApiResponse(
        200,
        Map.of(
            "Content-Type",
            "application/json",
            "X-Config-Version",
            Long.toString(stored.version())),
        stored.document().getBytes(StandardCharsets.UTF_8));
  }

  private Caller caller(ApiRequest r) {
    Optional<String> key = r.header("X-API-Key");
    if (key.isEmpty()) {
      key =
          r.header("Authorization")
              .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
              .map(v -> v.substring(7).trim());
    }
    return engine.authenticate().authenticate(key.orElse(null));
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw TouchlineException.invalid(field, field + " must be a string");
    }
    return Optional.of(v.textValue());
  }

  private static Optional<String> param(ApiRequest r, String name) {
    List<String> values = r.queryValues(name);
    if (values.size() > 1) {
      throw TouchlineException.invalid(name, name + " is given more than once");
    }
    return values.stream().findFirst().filter(v -> !v.isEmpty());
  }

  private static PageRequest page(ApiRequest r) {
    int limit = PageRequest.DEFAULT_LIMIT;
    Optional<String> raw = param(r, "limit");
    if (raw.isPresent()) {
      try {
        limit = Integer.parseInt(raw.get());
      } catch (NumberFormatException e) {
        throw TouchlineException.invalid("limit", "limit must be an integer");
      }
      if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
        throw TouchlineException.invalid(
            "limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT);
      }
    }
    return new PageRequest(limit, param(r, "cursor"));
  }

  private static TouchlineException notFound(String what) {
    return new TouchlineException(ErrorCode.NOT_FOUND, "no " + what);
  }

  private static ApiResponse error(TouchlineException e) {
    Map<String, String> headers =
        e.retryAfter()
            .map(
                d ->
                    Map.of(
                        "Content-Type",
                        "application/json",
                        "Retry-After",
                        Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))))
            .orElse(JSON);
    return new ApiResponse(e.code().httpStatus(), headers, Documents.bytes(Documents.error(e)));
  }

  private static ApiResponse respond(int status, JsonNode body) {
    return new ApiResponse(status, JSON, Documents.bytes(body));
  }
}
