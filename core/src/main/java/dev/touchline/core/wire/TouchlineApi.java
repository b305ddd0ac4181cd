package dev.touchline.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public API (the README's *The API*) as one framework-free function from request to response:
 * routing, authentication, scopes, decoding, use case, encoding and error documents. Runtimes that
 * are not an HTTP framework (Lambda, tests, embedding code) call {@link #handle} directly.
 */
public final class TouchlineApi {
  private static final Logger LOG = Logger.getLogger(TouchlineApi.class.getName());
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  /** The longest cursor accepted; the cursors the engine hands out are far shorter. */
  public static final int MAX_CURSOR_CHARS = 1024;

  /**
   * The routes, each with its methods and, per method, the query parameters it takes; the first
   * that matches a path serves it (so {@code /v1/events/incoming} comes before {@code
   * /v1/events/*}).
   */
  private static final List<Route> ROUTES =
      List.of(
          new Route(
              "/v1/events",
              Map.of(
                  "GET", Set.of("contactId", "type", "limit", "cursor"),
                  "POST", Set.of())),
          new Route("/v1/events/incoming", Map.of("GET", Set.of("status", "limit", "cursor"))),
          new Route("/v1/events/*", Map.of("GET", Set.of())),
          new Route(
              "/v1/contacts",
              Map.of("GET", Set.of("email", "phone", "externalId"), "POST", Set.of())),
          new Route("/v1/contacts/*", Map.of("GET", Set.of())),
          new Route("/v1/workspace/config", Map.of("GET", Set.of(), "PUT", Set.of())));

  private record Route(String pattern, Map<String, Set<String>> methods) {
    boolean matches(String path) {
      if (!pattern.endsWith("/*")) {
        return pattern.equals(path);
      }
      String prefix = pattern.substring(0, pattern.length() - 1);
      return path.startsWith(prefix)
          && path.length() > prefix.length()
          && path.indexOf('/', prefix.length()) < 0;
    }

    String allow() {
      return String.join(", ", new TreeSet<>(methods.keySet()));
    }
  }

  private final Touchline engine;
  private final EventRequestDecoder decoder;
  private final boolean asynchronous;
  private final BiFunction<Caller, IngestCommand, IngestResult> ingest;

  public TouchlineApi(Touchline engine) {
    this(engine, false);
  }

  /**
   * An API whose {@code POST /v1/events} hands each decoded, authorised command to {@code ingest}
   * instead of the engine's own use case (a runtime that carries the events elsewhere before the
   * engine ingests them, e.g. through a queue); everything else, answers included, is as usual.
   */
  public TouchlineApi(Touchline engine, BiFunction<Caller, IngestCommand, IngestResult> ingest) {
    this.engine = engine;
    this.decoder = new EventRequestDecoder(engine.limits());
    this.asynchronous = false;
    this.ingest = java.util.Objects.requireNonNull(ingest, "ingest");
  }

  /**
   * @param asynchronous {@code POST /v1/events} checks, records and queues the events and answers
   *     {@code 202} with their incoming ids ({@code ingest().receive}); the queue's consumer
   *     ingests them. The engine must have an event queue.
   */
  public TouchlineApi(Touchline engine, boolean asynchronous) {
    this.engine = engine;
    this.decoder = new EventRequestDecoder(engine.limits());
    this.asynchronous = asynchronous;
    this.ingest =
        asynchronous
            ? (caller, command) -> engine.ingest().receive(caller, command)
            : (caller, command) -> engine.ingest().ingest(caller, command);
  }

  /**
   * The methods a path is served with (the {@code Allow} header's value, e.g. {@code GET, POST}),
   * or empty when no route has that path.
   */
  public static Optional<String> allowedMethods(String path) {
    return route(normalize(path)).map(Route::allow);
  }

  private static Optional<Route> route(String path) {
    return ROUTES.stream().filter(r -> r.matches(path)).findFirst();
  }

  private static String normalize(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
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

  private ApiResponse route(ApiRequest request) {
    String path = normalize(request.path());
    Route route = route(path).orElseThrow(() -> noRoute(request));
    Set<String> parameters = route.methods().get(request.method());
    if (parameters == null) {
      return new ApiResponse(
          405,
          Map.of("Content-Type", "application/json", "Allow", route.allow()),
          Documents.bytes(
              Documents.error(
                  ErrorCode.METHOD_NOT_ALLOWED,
                  Excerpt.of(request.method()) + " is not served here; see Allow",
                  Optional.empty())));
    }
    return serve(request, path, parameters);
  }

  private ApiResponse serve(ApiRequest r, String path, Set<String> parameters) {
    String[] parts = path.split("/", -1);
    boolean events = path.equals("/v1/events");
    if (events && r.method().equals("POST")) {
      return postEvents(caller(r, parameters), r);
    }
    if (events && r.method().equals("GET")) {
      return listEvents(caller(r, parameters), r);
    }
    if (path.equals("/v1/events/incoming") && r.method().equals("GET")) {
      return listIncoming(caller(r, parameters), r);
    }
    if (parts.length == 4 && path.startsWith("/v1/events/") && r.method().equals("GET")) {
      Caller caller = caller(r, parameters);
      return engine
          .events()
          .get(caller, parts[3])
          .map(e -> respond(200, Documents.event(e)))
          .orElseThrow(() -> notFound("event " + Excerpt.quoted(parts[3])));
    }
    if (path.equals("/v1/contacts") && r.method().equals("GET")) {
      return findContact(caller(r, parameters), r);
    }
    if (path.equals("/v1/contacts") && r.method().equals("POST")) {
      return upsertContact(caller(r, parameters), r);
    }
    if (parts.length == 4 && path.startsWith("/v1/contacts/") && r.method().equals("GET")) {
      Caller caller = caller(r, parameters);
      return engine
          .contacts()
          .get(caller, parts[3])
          .map(c -> respond(200, Documents.contact(c)))
          .orElseThrow(() -> notFound("contact " + Excerpt.quoted(parts[3])));
    }
    if (path.equals("/v1/workspace/config") && r.method().equals("GET")) {
      return config(engine.workspaceConfig().get(caller(r, parameters)));
    }
    if (path.equals("/v1/workspace/config") && r.method().equals("PUT")) {
      Caller caller = caller(r, parameters);
      return config(
          engine
              .workspaceConfig()
              .replace(caller, JsonBodies.text(body(r), engine.limits().maxBodyBytes())));
    }
    throw noRoute(r);
  }

  /** The request body with its Content-Encoding undone (read after the caller is known). */
  private byte[] body(ApiRequest r) {
    return ContentEncodings.decode(
        r.header("Content-Encoding"), r.body(), engine.limits().maxBodyBytes());
  }

  private static TouchlineException noRoute(ApiRequest r) {
    return notFound("route " + Excerpt.of(r.method()) + " " + Excerpt.of(r.path()));
  }

  private ApiResponse postEvents(Caller caller, ApiRequest r) {
    Optional<String> key = r.header("Idempotency-Key");
    IngestCommand command = decoder.decode(body(r), key);
    IngestResult result = ingest.apply(caller, command);
    if (command.batch()) {
      return respond(asynchronous ? 202 : 200, Documents.batch(result));
    }
    var outcome = result.outcomes().get(0);
    return respond(Documents.singleStatus(outcome), Documents.single(outcome));
  }

  private ApiResponse listEvents(Caller caller, ApiRequest r) {
    Optional<ContactId> contactId =
        param(r, "contactId")
            .map(
                id -> {
                  if (id.length() > 64 || id.isBlank()) {
                    throw TouchlineException.invalid(
                        "contactId", "contactId must be 1-64 characters, not blank");
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
        .orElseThrow(
            () -> notFound("contact with " + type.wireName() + " " + Excerpt.quoted(value)));
  }

  private ApiResponse upsertContact(Caller caller, ApiRequest r) {
    JsonNode body = decoder.readObject(body(r));
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!List.of("email", "phone", "externalId", "attributes").contains(f)) {
                throw TouchlineException.invalid(
                    Excerpt.of(f), "unknown field " + Excerpt.quoted(f));
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

  private Caller caller(ApiRequest r, Set<String> parameters) {
    Optional<String> key =
        ApiCredentials.presented(r.header("X-API-Key"), r.header("Authorization"));
    Caller caller = engine.authenticate().authenticate(key.orElse(null));
    for (String name : new TreeSet<>(r.query().keySet())) {
      if (!parameters.contains(name)) {
        throw TouchlineException.invalid(
            Excerpt.of(name),
            "unknown query parameter "
                + Excerpt.quoted(name)
                + (parameters.isEmpty()
                    ? "; this route takes none"
                    : "; this route takes " + String.join(", ", new TreeSet<>(parameters))));
      }
    }
    return caller;
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
    Optional<String> cursor = param(r, "cursor");
    if (cursor.isPresent() && cursor.get().length() > MAX_CURSOR_CHARS) {
      throw TouchlineException.invalid(
          "cursor", "cursor is not valid for this listing: longer than any cursor handed out");
    }
    return new PageRequest(limit, cursor);
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
