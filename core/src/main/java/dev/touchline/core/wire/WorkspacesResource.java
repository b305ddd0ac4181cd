package dev.touchline.core.wire;

import static dev.touchline.core.wire.ApiSupport.answer;
import static dev.touchline.core.wire.ApiSupport.notFound;
import static dev.touchline.core.wire.ApiSupport.page;
import static dev.touchline.core.wire.ApiSupport.respond;
import static dev.touchline.core.wire.ApiSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.ManageWorkspacesUseCase.NewWorkspace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /v1/workspaces}: the deployment's workspaces (scope {@code platform}). */
public final class WorkspacesResource {
  static final List<String> LIST_PARAMETERS = List.of("limit", "cursor");
  private static final Pattern ID = Pattern.compile(WorkspaceId.PATTERN);

  private final ApiSupport support;

  WorkspacesResource(ApiSupport support) {
    this.support = support;
  }

  /**
   * {@code POST /v1/workspaces}: {@code {"id", "name"?, "config"?}}; {@code 201} with the workspace
   * and its first admin key, whose secret appears in this answer only.
   */
  public ApiResponse create(ApiCall call, byte[] body) {
    return answer(
        "POST /v1/workspaces",
        () -> {
          Caller caller = support.caller(call, List.of());
          caller.require(Scope.PLATFORM); // before the body: a key without it learns nothing more
          // The configuration document sits one level down and may nest as deep as through PUT.
          JsonNode doc =
              support.object(call, body, JacksonWorkspaceConfigParser.MAX_DOCUMENT_DEPTH + 1);
          ApiSupport.onlyFields(doc, List.of("id", "name", "config"));
          String id = text(doc, "id").orElseThrow(() -> badId("id is required"));
          if (!ID.matcher(id).matches()) {
            throw badId("id must be 1-64 letters, digits, '_' or '-'");
          }
          JsonNode config = doc.get("config");
          Optional<String> document = Optional.empty();
          if (config != null && !config.isNull()) {
            if (!config.isObject()) {
              throw TouchlineException.invalid(
                  "config", "config must be a workspace configuration document (an object)");
            }
            document = Optional.of(new String(Documents.bytes(config), StandardCharsets.UTF_8));
          }
          var created =
              support
                  .engine()
                  .workspaces()
                  .create(
                      caller,
                      new NewWorkspace(
                          new WorkspaceId(id), text(doc, "name").orElse(""), document));
          ObjectNode answer = JsonNodeFactory.instance.objectNode();
          answer.set("workspace", Documents.workspace(created.workspace()));
          answer.set("key", Documents.issuedKey(created.key()));
          return new ApiResponse(201, ApiSupport.JSON_NO_STORE, Documents.bytes(answer));
        });
  }

  /** {@code GET /v1/workspaces}: the workspaces ordered by id. */
  public ApiResponse list(ApiCall call, Optional<String> limit, Optional<String> cursor) {
    return answer(
        "GET /v1/workspaces",
        () -> {
          Caller caller = support.caller(call, LIST_PARAMETERS);
          return respond(
              200,
              Documents.list(
                  support.engine().workspaces().list(caller, page(limit, cursor)),
                  Documents::workspace));
        });
  }

  /** {@code GET /v1/workspaces/{id}}. */
  public ApiResponse get(ApiCall call, String id) {
    return answer(
        "GET /v1/workspaces/{id}",
        () -> {
          Caller caller = support.caller(call, List.of());
          caller.require(Scope.PLATFORM); // before the id is looked at: 403, not 404, without it
          Optional<WorkspaceId> wanted =
              ID.matcher(id).matches() ? Optional.of(new WorkspaceId(id)) : Optional.empty();
          return wanted
              .flatMap(w -> support.engine().workspaces().get(caller, w))
              .map(w -> respond(200, Documents.workspace(w)))
              .orElseThrow(() -> notFound("workspace " + Excerpt.quoted(id)));
        });
  }

  private static TouchlineException badId(String message) {
    return TouchlineException.invalid("id", message);
  }
}
