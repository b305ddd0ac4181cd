package dev.touchline.adapter.http;

import dev.touchline.core.wire.ContactsResource;
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
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** {@code /v1/contacts}: read contacts, and create or update one by identity. */
@Controller("/v1/contacts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "contacts")
@SecurityRequirement(name = TouchlineServer.API_KEY)
@SecurityRequirement(name = TouchlineServer.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiRefs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
@ApiResponse(responseCode = "429", ref = OpenApiRefs.RATE_LIMITED)
class ContactsController {
  private final ContactsResource contacts;

  ContactsController(TouchlineApi api) {
    this.contacts = api.contacts();
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Find a contact by exactly one identifier, or list a segment, tag or lifecycle stage",
      description =
          "Scope contacts:read. With email, phone or externalId: the contact (the identifier is"
              + " normalised as on ingest). With segment, tag or lifecycle: a page of the contacts"
              + " in it, ordered by contact id (limit, cursor).")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.CONTACT_OR_PAGE)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  HttpResponse<byte[]> find(
      HttpRequest<?> request,
      @Nullable @QueryValue String email,
      @Nullable @QueryValue String phone,
      @Nullable @QueryValue String externalId,
      @Parameter(description = "a segment of the workspace's configuration") @Nullable @QueryValue
          String segment,
      @Nullable @QueryValue String tag,
      @Parameter(description = "a lifecycle stage of the workspace") @Nullable @QueryValue
          String lifecycle,
      @Parameter(description = "1 to 200, default 50 (listings)") @Nullable @QueryValue
          String limit,
      @Nullable @QueryValue String cursor) {
    return ApiBridge.toHttp(
        contacts.find(
            ApiBridge.call(request),
            Optional.ofNullable(email),
            Optional.ofNullable(phone),
            Optional.ofNullable(externalId),
            Optional.ofNullable(segment),
            Optional.ofNullable(tag),
            Optional.ofNullable(lifecycle),
            Optional.ofNullable(limit),
            Optional.ofNullable(cursor)));
  }

  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "One contact with identities, attributes, tags, score and segments",
      description = "Scope contacts:read.")
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.CONTACT)
  @ApiResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  HttpResponse<byte[]> get(HttpRequest<?> request, String id) {
    return ApiBridge.toHttp(contacts.get(ApiBridge.call(request), id));
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or update a contact by identity",
      description =
          "Scope contacts:write. Body {email?, phone?, externalId?, attributes?}; 201 when"
              + " created, 200 when updated. How reject-policy workspaces admit new contacts.")
  @ApiResponse(responseCode = "201", ref = OpenApiRefs.CONTACT)
  @ApiResponse(responseCode = "200", ref = OpenApiRefs.CONTACT)
  @ApiResponse(responseCode = "400", ref = OpenApiRefs.INVALID)
  HttpResponse<byte[]> upsert(
      HttpRequest<?> request,
      @RequestBody(ref = OpenApiRefs.CONTACT_BODY) @Nullable @Body byte[] body) {
    return ApiBridge.toHttp(contacts.upsert(ApiBridge.call(request), body));
  }
}
