package dev.touchline.adapter.http;

import dev.touchline.core.wire.EventsResource;
import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * {@code /v1/events}: ingest and read events. Thin: each route calls the engine's typed method with
 * the parameters it binds; the work runs on the blocking pool, never on the event loop.
 */
@Controller("/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "events")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
class EventsController {
  private final EventsResource events;

  EventsController(TouchlineApi api) {
    this.events = api.events();
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Ingest one event, or a batch of up to 500 as {\"events\": [...]}",
      description =
          "Scope events:write. One event answers 201 (accepted), or 200 with status duplicate or"
              + " discarded. A batch answers 200 with counts and one result per item, in order;"
              + " an invalid item never sinks the valid ones.")
  @ApiResponse(responseCode = "201", ref = OpenApiRefs.ACCEPTED)
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.ANSWERED)
  @ApiResponse(responseCode = "202", ref = OpenApiRefs.RECEIVED)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  @ApiResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
  @ApiResponse(responseCode = "413", ref = OpenApiRefs.TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = OpenApiRefs.UNSUPPORTED_ENCODING)
  @Parameter(
      name = "Idempotency-Key",
      in = ParameterIn.HEADER,
      description = "the messageId of a single-event request")
  HttpResponse<byte[]> ingest(
      HttpRequest<?> request,
      @RequestBody(ref = OpenApiRefs.INGEST_BODY) @Nullable @Body byte[] body) {
    // Read as the engine reads every header: repeated values combined, never the first one only.
    return ApiBridge.toHttp(
        events.ingest(ApiBridge.call(request), body, ApiBridge.header(request, "Idempotency-Key")));
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "A contact's timeline, or the workspace's events, newest first",
      description = "Scope events:read. Lists are {\"data\": [...], \"nextCursor\": ...}.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.EVENT_PAGE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> list(
      HttpRequest<?> request,
      @Nullable @QueryValue String contactId,
      @Nullable @QueryValue String type,
      @Parameter(description = "1 to 200, default 50") @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return ApiBridge.toHttp(
        events.list(
            ApiBridge.call(request),
            Optional.ofNullable(contactId),
            Optional.ofNullable(type),
            Optional.ofNullable(limit),
            Optional.ofNullable(cursor)));
  }

  @Get(uri = "/incoming", produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The incoming log: every event received, with its status and error",
      description = "Scope events:read.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.INCOMING_PAGE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> incoming(
      HttpRequest<?> request,
      @Parameter(description = "received, processed, failed, rejected, discarded or duplicate")
          @Nullable
          @QueryValue
          String status,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return ApiBridge.toHttp(
        events.incoming(
            ApiBridge.call(request),
            Optional.ofNullable(status),
            Optional.ofNullable(limit),
            Optional.ofNullable(cursor)));
  }

  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "One event", description = "Scope events:read.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.EVENT)
  @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  HttpResponse<byte[]> get(HttpRequest<?> request, String id) {
    return ApiBridge.toHttp(events.get(ApiBridge.call(request), id));
  }
}
