package dev.touchline.adapter.http;

import dev.touchline.core.wire.KeysResource;
import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** {@code /v1/keys}: the workspace's API keys (scope admin). */
@Controller("/v1/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "keys")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
class KeysController {
  private final KeysResource keys;

  KeysController(TouchlineApi api) {
    this.keys = api.keys();
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Issue a key for this workspace",
      description =
          "Scope admin. Scopes never beyond the calling key's and never platform; a rate limit of"
              + " at most 10000 per second and a burst of 100000. The secret is in this answer"
              + " only.")
  @ApiResponse(responseCode = "201", ref = OpenApiRefs.ISSUED_KEY)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  @ApiResponse(responseCode = "409", ref = OpenApiRefs.LIMIT_REACHED)
  HttpResponse<byte[]> issue(
      HttpRequest<?> request,
      @RequestBody(ref = OpenApiRefs.KEY_BODY) @Nullable @Body byte[] body) {
    return ApiBridge.toHttp(keys.issue(ApiBridge.call(request), body));
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The workspace's keys, revoked ones included",
      description = "Scope admin. Never a secret or its hash: the last 4 characters as a hint.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.KEY_PAGE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> list(
      HttpRequest<?> request,
      @Parameter(description = "1 to 200, default 50") @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return ApiBridge.toHttp(
        keys.list(
            ApiBridge.call(request), Optional.ofNullable(limit), Optional.ofNullable(cursor)));
  }

  @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Revoke a key",
      description =
          "Scope admin. From its next request the key gets the same 401 as an unknown one: at once"
              + " in this process, within the configuration refresh interval in every other.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.KEY)
  @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  HttpResponse<byte[]> revoke(HttpRequest<?> request, String id) {
    return ApiBridge.toHttp(keys.revoke(ApiBridge.call(request), id));
  }
}
