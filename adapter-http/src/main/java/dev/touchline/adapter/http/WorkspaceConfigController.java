package dev.touchline.adapter.http;

import dev.touchline.core.wire.TouchlineApi;
import dev.touchline.core.wire.WorkspaceConfigResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /v1/workspace/config}: the workspace's rules, segments and policies. */
@Controller("/v1/workspace/config")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workspace")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
class WorkspaceConfigController {
  private final WorkspaceConfigResource config;

  WorkspaceConfigController(TouchlineApi api) {
    this.config = api.workspaceConfig();
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The workspace configuration document",
      description = "Scope admin. X-Config-Version gives its version (0: the default).")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.CONFIG)
  HttpResponse<byte[]> get(HttpRequest<?> request) {
    return ApiBridge.toHttp(config.get(ApiBridge.call(request)));
  }

  @Put(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace the workspace configuration",
      description =
          "Scope admin. Applies to the next event. An invalid document is invalid_payload naming"
              + " the rule and JSON path at fault.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.CONFIG)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> replace(
      HttpRequest<?> request,
      @RequestBody(ref = OpenApiRefs.CONFIG_BODY) @Nullable @Body byte[] body) {
    return ApiBridge.toHttp(config.replace(ApiBridge.call(request), body));
  }
}
