package dev.touchline.adapter.http;

import dev.touchline.adapter.mcp.StatelessHttpEndpoint;
import dev.touchline.adapter.mcp.TouchlineTools;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.wire.ApiCredentials;
import dev.touchline.core.wire.Documents;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /mcp}: Touchline's tools over MCP's Streamable HTTP transport, stateless. Authenticated
 * like every route (a missing, malformed, unknown or revoked key is the API's {@code 401}); each
 * tool call then runs as its API route would, with that key's scopes and workspace. Off with {@code
 * TOUCHLINE_MCP_ENABLED=false}.
 */
@Controller("/mcp")
@Requires(property = "touchline.mcp.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "mcp")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
class McpController {
  private final StatelessHttpEndpoint endpoint;
  private final Touchline engine;

  McpController(StatelessHttpEndpoint endpoint, Touchline engine) {
    this.endpoint = endpoint;
    this.engine = engine;
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "One MCP JSON-RPC request or notification (Streamable HTTP, stateless)",
      description =
          "Tools: ingest_event, ingest_events, get_contact, list_events, list_incoming. A request"
              + " is answered with its JSON-RPC response, a notification with 202.")
  @ApiResponse(responseCode = "200", description = "the JSON-RPC response")
  @ApiResponse(responseCode = "202", description = "a notification, taken")
  @ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
  @ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
  HttpResponse<byte[]> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
    Optional<String> apiKey = ApiBridge.header(request, "X-API-Key");
    Optional<String> authorization = ApiBridge.header(request, "Authorization");
    try {
      Optional<String> key = ApiCredentials.presented(apiKey, authorization);
      engine.authenticate().authenticate(key.orElse(null));
    } catch (TouchlineException e) {
      MutableHttpResponse<byte[]> refused =
          HttpResponse.<byte[]>status(HttpStatus.valueOf(e.code().httpStatus()))
              .contentType(MediaType.APPLICATION_JSON_TYPE)
              .body(Documents.bytes(Documents.error(e)));
      e.retryAfter()
          .ifPresent(
              d ->
                  refused.header(
                      "Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
      return refused;
    }
    StatelessHttpEndpoint.Answer answer =
        endpoint.post(
            new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8),
            TouchlineTools.context(apiKey, authorization));
    MutableHttpResponse<byte[]> http = HttpResponse.status(HttpStatus.valueOf(answer.status()));
    if (!answer.body().isEmpty()) {
      http.contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(answer.body().getBytes(StandardCharsets.UTF_8));
    }
    return http;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Not served: the transport is stateless, with no event stream")
  HttpResponse<byte[]> get() {
    return notServed();
  }

  @Delete(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Not served: the transport is stateless, with no session to end")
  HttpResponse<byte[]> delete() {
    return notServed();
  }

  private static HttpResponse<byte[]> notServed() {
    return HttpResponse.<byte[]>status(HttpStatus.METHOD_NOT_ALLOWED)
        .header("Allow", "POST")
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(
            Documents.bytes(
                Documents.error(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "the MCP endpoint is stateless: POST a JSON-RPC message",
                    Optional.empty())));
  }
}
