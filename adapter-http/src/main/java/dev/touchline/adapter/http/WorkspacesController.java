package dev.touchline.adapter.http;

import dev.touchline.core.wire.TouchlineApi;
import dev.touchline.core.wire.WorkspacesResource;
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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** {@code /v1/workspaces}: the deployment's workspaces (scope platform, the operator's). */
@Controller("/v1/workspaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workspaces")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
class WorkspacesController {
  private final WorkspacesResource workspaces;

  WorkspacesController(TouchlineApi api) {
    this.workspaces = api.workspaces();
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a workspace with its first admin key",
      description =
          "Scope platform. Body {id, name?, config?}; the key's secret is in this answer only.")
  @ApiResponse(responseCode = "201", ref = OpenApiRefs.CREATED_WORKSPACE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  @ApiResponse(responseCode = "409", ref = OpenApiRefs.ALREADY_EXISTS)
  HttpResponse<byte[]> create(
      HttpRequest<?> request,
      @RequestBody(ref = OpenApiRefs.WORKSPACE_BODY) @Nullable @Body byte[] body) {
    return ApiBridge.toHttp(workspaces.create(ApiBridge.call(request), body));
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "The workspaces, ordered by id", description = "Scope platform.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.WORKSPACE_PAGE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> list(
      HttpRequest<?> request,
      @Parameter(description = "1 to 200, default 50") @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return ApiBridge.toHttp(
        workspaces.list(
            ApiBridge.call(request), Optional.ofNullable(limit), Optional.ofNullable(cursor)));
  }

  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "One workspace", description = "Scope platform.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.WORKSPACE)
  @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  HttpResponse<byte[]> get(HttpRequest<?> request, String id) {
    return ApiBridge.toHttp(workspaces.get(ApiBridge.call(request), id));
  }
}
