package dev.touchline.core.wire;

import static dev.touchline.core.wire.ApiSupport.answer;
import static dev.touchline.core.wire.ApiSupport.notFound;
import static dev.touchline.core.wire.ApiSupport.page;
import static dev.touchline.core.wire.ApiSupport.respond;
import static dev.touchline.core.wire.ApiSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.port.in.ManageApiKeysUseCase.NewKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /v1/keys}: the caller's workspace's API keys (scope {@code admin}). */
public final class KeysResource {
  static final List<String> LIST_PARAMETERS = List.of("limit", "cursor");

  /** The most entries a request's {@code scopes} may list. */
  static final int MAX_SCOPE_ENTRIES = 16;

  private static final String SCOPE_NAMES =
      Arrays.stream(Scope.values()).map(Scope::wireName).collect(Collectors.joining(", "));

  private final ApiSupport support;

  KeysResource(ApiSupport support) {
    this.support = support;
  }

  /**
   * {@code POST /v1/keys}: {@code {"name"?, "scopes": [...], "rateLimit"?: {"perSecond",
   * "burst"?}}}; {@code 201} with the key and its secret, shown this once.
   */
  public ApiResponse issue(ApiCall call, byte[] body) {
    return answer(
        "POST /v1/keys",
        () -> {
          Caller caller = support.caller(call, List.of());
          caller.require(Scope.ADMIN); // before the body: a key without it learns nothing more
          JsonNode doc = support.object(call, body);
          ApiSupport.onlyFields(doc, List.of("name", "scopes", "rateLimit"));
          NewKey request =
              new NewKey(text(doc, "name").orElse(""), scopes(doc.get("scopes")), rateLimit(doc));
          var issued = support.engine().apiKeys().issue(caller, request);
          return new ApiResponse(
              201, ApiSupport.JSON_NO_STORE, Documents.bytes(Documents.issuedKey(issued)));
        });
  }

  /** {@code GET /v1/keys}: the workspace's keys by id, revoked ones included, never a secret. */
  public ApiResponse list(ApiCall call, Optional<String> limit, Optional<String> cursor) {
    return answer(
        "GET /v1/keys",
        () -> {
          Caller caller = support.caller(call, LIST_PARAMETERS);
          return respond(
              200,
              Documents.list(
                  support.engine().apiKeys().list(caller, page(limit, cursor)), Documents::apiKey));
        });
  }

  /** {@code DELETE /v1/keys/{id}}: revokes the key; {@code 200} with it as it is now. */
  public ApiResponse revoke(ApiCall call, String id) {
    return answer(
        "DELETE /v1/keys/{id}",
        () -> {
          Caller caller = support.caller(call, List.of());
          return support
              .engine()
              .apiKeys()
              .revoke(caller, id)
              .map(k -> respond(200, Documents.apiKey(k)))
              .orElseThrow(() -> notFound("API key " + Excerpt.quoted(id)));
        });
  }

  private static Set<Scope> scopes(JsonNode node) {
    if (node == null || node.isNull()) {
      throw TouchlineException.invalid("scopes", "scopes is required: the scopes the key holds");
    }
    if (!node.isArray()) {
      throw TouchlineException.invalid("scopes", "scopes must be an array of scope names");
    }
    if (node.size() > MAX_SCOPE_ENTRIES) {
      throw TouchlineException.invalid(
          "scopes", "scopes must list at most " + MAX_SCOPE_ENTRIES + " entries");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (int i = 0; i < node.size(); i++) {
      String field = "scopes[" + i + "]";
      JsonNode entry = node.get(i);
      Optional<Scope> scope =
          entry.isTextual() ? Scope.fromWireName(entry.textValue()) : Optional.empty();
      scopes.add(
          scope.orElseThrow(
              () -> TouchlineException.invalid(field, field + " must be one of " + SCOPE_NAMES)));
    }
    return scopes;
  }

  private static RateLimit rateLimit(JsonNode doc) {
    JsonNode node = doc.get("rateLimit");
    if (node == null || node.isNull()) {
      return RateLimit.DEFAULT;
    }
    if (!node.isObject()) {
      throw TouchlineException.invalid(
          "rateLimit", "rateLimit must be an object {\"perSecond\", \"burst\"}");
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!f.equals("perSecond") && !f.equals("burst")) {
                throw TouchlineException.invalid(
                    "rateLimit." + Excerpt.of(f), "unknown field " + Excerpt.quoted(f));
              }
            });
    JsonNode rate = node.get("perSecond");
    if (rate == null
        || !rate.isNumber()
        || !(rate.doubleValue() > 0)
        || rate.doubleValue() > RateLimit.MAX_PER_SECOND) {
      throw TouchlineException.invalid(
          "rateLimit.perSecond",
          "rateLimit.perSecond must be a number above 0 and at most "
              + (long) RateLimit.MAX_PER_SECOND);
    }
    double perSecond = rate.doubleValue();
    JsonNode burstNode = node.get("burst");
    if (burstNode == null || burstNode.isNull()) {
      return new RateLimit(Math.max(1, (long) (2 * perSecond)), perSecond);
    }
    if (!burstNode.canConvertToExactIntegral()
        || !burstNode.canConvertToLong()
        || burstNode.longValue() < 1
        || burstNode.longValue() > RateLimit.MAX_BURST) {
      throw TouchlineException.invalid(
          "rateLimit.burst",
          "rateLimit.burst must be a whole number from 1 to " + RateLimit.MAX_BURST);
    }
    return new RateLimit(burstNode.longValue(), perSecond);
  }
}
