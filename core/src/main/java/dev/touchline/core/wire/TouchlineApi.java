package dev.touchline.core.wire;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The public API (the README's *The API*), by resource — {@link #events()}, {@link #contacts()},
 * {@link #workspaceConfig()}, {@link #workspaces()}, {@link #keys()} — each with typed methods that
 * authenticate, decode, call the use case and answer with the response document or an error
 * document. A server that routes and binds parameters itself calls those; runtimes that receive raw
 * requests (Lambda, tests, embedding code) call {@link #handle}, the small router in front of them.
 */
public final class TouchlineApi {
  /** The longest cursor accepted; the cursors the engine hands out are far shorter. */
  public static final int MAX_CURSOR_CHARS = 1024;

  /**
   * The routes and their methods; the first that matches a path serves it (so {@code
   * /v1/events/incoming} comes before {@code /v1/events/*}).
   */
  private static final List<Route> ROUTES =
      List.of(
          new Route("/v1/events", Set.of("GET", "POST")),
          new Route("/v1/events/incoming", Set.of("GET")),
          new Route("/v1/events/*", Set.of("GET")),
          new Route("/v1/contacts", Set.of("GET", "POST")),
          new Route("/v1/contacts/*", Set.of("GET")),
          new Route("/v1/workspace/config", Set.of("GET", "PUT")),
          new Route("/v1/workspaces", Set.of("GET", "POST")),
          new Route("/v1/workspaces/*", Set.of("GET")),
          new Route("/v1/keys", Set.of("GET", "POST")),
          new Route("/v1/keys/*", Set.of("DELETE")));

  private record Route(String pattern, Set<String> methods) {
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
      return String.join(", ", new TreeSet<>(methods));
    }
  }

  private final EventsResource events;
  private final ContactsResource contacts;
  private final WorkspaceConfigResource workspaceConfig;
  private final WorkspacesResource workspaces;
  private final KeysResource keys;

  public TouchlineApi(Touchline engine) {
    this(engine, false);
  }

  /**
   * An API whose {@code POST /v1/events} hands each decoded, authorised command to {@code ingest}
   * instead of the engine's own use case (a runtime that carries the events elsewhere before the
   * engine ingests them, e.g. through a queue); everything else, answers included, is as usual.
   */
  public TouchlineApi(Touchline engine, BiFunction<Caller, IngestCommand, IngestResult> ingest) {
    this(engine, false, Objects.requireNonNull(ingest, "ingest"));
  }

  /**
   * @param asynchronous {@code POST /v1/events} checks, records and queues the events and answers
   *     {@code 202} with their incoming ids ({@code ingest().receive}); the queue's consumer
   *     ingests them. The engine must have an event queue.
   */
  public TouchlineApi(Touchline engine, boolean asynchronous) {
    this(
        engine,
        asynchronous,
        asynchronous
            ? (caller, command) -> engine.ingest().receive(caller, command)
            : (caller, command) -> engine.ingest().ingest(caller, command));
  }

  private TouchlineApi(
      Touchline engine,
      boolean asynchronous,
      BiFunction<Caller, IngestCommand, IngestResult> ingest) {
    ApiSupport support = new ApiSupport(engine);
    this.events = new EventsResource(support, asynchronous, ingest);
    this.contacts = new ContactsResource(support);
    this.workspaceConfig = new WorkspaceConfigResource(support);
    this.workspaces = new WorkspacesResource(support);
    this.keys = new KeysResource(support);
  }

  public EventsResource events() {
    return events;
  }

  public ContactsResource contacts() {
    return contacts;
  }

  public WorkspaceConfigResource workspaceConfig() {
    return workspaceConfig;
  }

  public WorkspacesResource workspaces() {
    return workspaces;
  }

  public KeysResource keys() {
    return keys;
  }

  /**
   * The methods a path is served with (the {@code Allow} header's value, e.g. {@code GET, POST}),
   * or empty when no route has that path.
   */
  public static Optional<String> allowedMethods(String path) {
    return route(normalize(path)).map(Route::allow);
  }

  /**
   * The {@code 405} a known path answers to a method it is not served with (with {@code Allow});
   * empty when the path is no route's or the method is served. For servers whose framework would
   * answer such a method itself (e.g. {@code HEAD} through a {@code GET} route).
   */
  public static Optional<ApiResponse> methodNotAllowed(String method, String path) {
    return route(normalize(path))
        .filter(route -> !route.methods().contains(method))
        .map(route -> methodNotAllowed(method, route));
  }

  private static ApiResponse methodNotAllowed(String method, Route route) {
    return new ApiResponse(
        405,
        Map.of("Content-Type", "application/json", "Allow", route.allow()),
        Documents.bytes(
            Documents.error(
                ErrorCode.METHOD_NOT_ALLOWED,
                Excerpt.of(method) + " is not served here; see Allow",
                Optional.empty())));
  }

  private static Optional<Route> route(String path) {
    return ROUTES.stream().filter(r -> r.matches(path)).findFirst();
  }

  private static String normalize(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }

  /** Serves one request; never throws for bad input (it becomes an error document). */
  public ApiResponse handle(ApiRequest request) {
    return ApiSupport.answer(request.method() + " " + request.path(), () -> routeAndServe(request));
  }

  private ApiResponse routeAndServe(ApiRequest r) {
    String path = normalize(r.path());
    Optional<Route> found = route(path);
    if (found.isEmpty()) {
      throw ApiSupport.notFound("route " + Excerpt.of(r.method()) + " " + Excerpt.of(r.path()));
    }
    Route route = found.get();
    if (!route.methods().contains(r.method())) {
      return methodNotAllowed(r.method(), route);
    }
    ApiCall call = ApiCall.of(r);
    String id = path.substring(path.lastIndexOf('/') + 1);
    switch (r.method() + " " + route.pattern()) {
      case "POST /v1/events":
        return events.ingest(call, r.body(), r.header("Idempotency-Key"));
      case "GET /v1/events":
        return events.list(
            call, first(r, "contactId"), first(r, "type"), first(r, "limit"), first(r, "cursor"));
      case "GET /v1/events/incoming":
        return events.incoming(call, first(r, "status"), first(r, "limit"), first(r, "cursor"));
      case "GET /v1/events/*":
        return events.get(call, id);
      case "GET /v1/contacts":
        return contacts.find(
            call,
            first(r, "email"),
            first(r, "phone"),
            first(r, "externalId"),
            first(r, "segment"),
            first(r, "tag"),
            first(r, "lifecycle"),
            first(r, "limit"),
            first(r, "cursor"));
      case "POST /v1/contacts":
        return contacts.upsert(call, r.body());
      case "GET /v1/contacts/*":
        return contacts.get(call, id);
      case "GET /v1/workspace/config":
        return workspaceConfig.get(call);
      case "PUT /v1/workspace/config":
        return workspaceConfig.replace(call, r.body());
      case "POST /v1/workspaces":
        return workspaces.create(call, r.body());
      case "GET /v1/workspaces":
        return workspaces.list(call, first(r, "limit"), first(r, "cursor"));
      case "GET /v1/workspaces/*":
        return workspaces.get(call, id);
      case "POST /v1/keys":
        return keys.issue(call, r.body());
      case "GET /v1/keys":
        return keys.list(call, first(r, "limit"), first(r, "cursor"));
      case "DELETE /v1/keys/*":
        return keys.revoke(call, id);
      default:
        throw new IllegalStateException("a route without a handler: " + route.pattern());
    }
  }

  /** A query parameter's first value; a repeated one is refused by the resource. */
  private static Optional<String> first(ApiRequest r, String name) {
    return r.queryValues(name).stream().findFirst();
  }
}
