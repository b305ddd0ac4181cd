package dev.touchline.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the resources share: the caller of a call, its parameters, bodies, pages, and the mapping of
 * every failure to an error document, so that a typed method never throws.
 */
final class ApiSupport {
  private static final Logger LOG = Logger.getLogger(TouchlineApi.class.getName());
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  /** Answers that carry a secret: no cache may keep them. */
  static final Map<String, String> JSON_NO_STORE =
      Map.of("Content-Type", "application/json", "Cache-Control", "no-store");

  private final Touchline engine;
  private final EventRequestDecoder decoder;

  ApiSupport(Touchline engine) {
    this.engine = engine;
    this.decoder = new EventRequestDecoder(engine.limits());
  }

  Touchline engine() {
    return engine;
  }

  EventRequestDecoder decoder() {
    return decoder;
  }

  /**
   * The authenticated caller, once the query holds only {@code parameters}, each at most once.
   *
   * @param parameters the route's query parameters, in the order it reads them
   */
  Caller caller(ApiCall call, List<String> parameters) {
    Optional<String> key = ApiCredentials.presented(call.apiKey(), call.authorization());
    Caller caller = engine.authenticate().authenticate(key.orElse(null));
    for (String name : new TreeSet<>(call.query().keySet())) {
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
    for (String name : parameters) {
      if (call.query().getOrDefault(name, List.of()).size() > 1) {
        throw TouchlineException.invalid(name, name + " is given more than once");
      }
    }
    return caller;
  }

  /** A parameter's value as a server bound it: absent and empty are alike. */
  static Optional<String> given(Optional<String> value) {
    return value.filter(v -> !v.isEmpty());
  }

  /** The request body with its Content-Encoding undone (read after the caller is known). */
  byte[] body(ApiCall call, byte[] body) {
    return ContentEncodings.decode(
        call.contentEncoding(), body == null ? new byte[0] : body, engine.limits().maxBodyBytes());
  }

  /** The body as one JSON object, read under the engine's limits. */
  JsonNode object(ApiCall call, byte[] body) {
    return decoder.readObject(body(call, body));
  }

  /** As {@link #object(ApiCall, byte[])}, nesting up to {@code maxDepth} levels. */
  JsonNode object(ApiCall call, byte[] body, int maxDepth) {
    return decoder.readObject(body(call, body), maxDepth);
  }

  static PageRequest page(Optional<String> limitParam, Optional<String> cursorParam) {
    int limit = PageRequest.DEFAULT_LIMIT;
    Optional<String> raw = given(limitParam);
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
    Optional<String> cursor = given(cursorParam);
    if (cursor.isPresent() && cursor.get().length() > TouchlineApi.MAX_CURSOR_CHARS) {
      throw TouchlineException.invalid(
          "cursor", "cursor is not valid for this listing: longer than any cursor handed out");
    }
    return new PageRequest(limit, cursor);
  }

  static TouchlineException notFound(String what) {
    return new TouchlineException(ErrorCode.NOT_FOUND, "no " + what);
  }

  /**
   * Runs a route's work and answers its failures with error documents: a refusal as its code says,
   * anything unexpected as {@code 500} (logged, never shown).
   */
  static ApiResponse answer(String route, Supplier<ApiResponse> work) {
    try {
      return work.get();
    } catch (TouchlineException e) {
      return error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request failed: " + route, e);
      return respond(
          500,
          Documents.error(
              ErrorCode.INTERNAL_ERROR,
              "internal error; the request may be retried",
              Optional.empty()));
    }
  }

  static ApiResponse error(TouchlineException e) {
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

  static ApiResponse respond(int status, JsonNode body) {
    return new ApiResponse(status, JSON, Documents.bytes(body));
  }

  static Optional<String> text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw TouchlineException.invalid(field, field + " must be a string");
    }
    return Optional.of(v.textValue());
  }

  /** Refuses a body field outside {@code known}. */
  static void onlyFields(JsonNode body, List<String> known) {
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                throw TouchlineException.invalid(
                    Excerpt.of(f), "unknown field " + Excerpt.quoted(f));
              }
            });
  }
}
