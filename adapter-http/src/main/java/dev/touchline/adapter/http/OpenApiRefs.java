package dev.touchline.adapter.http;

/**
 * References into the request bodies and responses of {@code src/main/openapi/components.yml},
 * which the build merges into the generated OpenAPI document.
 */
final class OpenApiRefs {
  private static final String RESPONSES = "#/components/responses/";
  private static final String BODIES = "#/components/requestBodies/";

  static final String ACCEPTED = RESPONSES + "Accepted";
  static final String ANSWERED = RESPONSES + "Answered";
  static final String RECEIVED = RESPONSES + "Received";
  static final String EVENT = RESPONSES + "Event";
  static final String EVENT_PAGE = RESPONSES + "EventPage";
  static final String INCOMING_PAGE = RESPONSES + "IncomingPage";
  static final String CONTACT = RESPONSES + "Contact";
  static final String CONTACT_OR_PAGE = RESPONSES + "ContactOrPage";
  static final String CONFIG = RESPONSES + "WorkspaceConfig";
  static final String CONFLICT = RESPONSES + "IdempotencyConflict";
  static final String ISSUED_KEY = RESPONSES + "IssuedKey";
  static final String KEY = RESPONSES + "ApiKey";
  static final String KEY_PAGE = RESPONSES + "KeyPage";
  static final String CREATED_WORKSPACE = RESPONSES + "CreatedWorkspace";
  static final String WORKSPACE = RESPONSES + "Workspace";
  static final String WORKSPACE_PAGE = RESPONSES + "WorkspacePage";
  static final String ALREADY_EXISTS = RESPONSES + "AlreadyExists";
  static final String LIMIT_REACHED = RESPONSES + "LimitReached";
  static final String INVALID = RESPONSES + "InvalidPayload";
  static final String UNAUTHENTICATED = RESPONSES + "Unauthenticated";
  static final String FORBIDDEN = RESPONSES + "ForbiddenScope";
  static final String NOT_FOUND = RESPONSES + "NotFound";
  static final String TOO_LARGE = RESPONSES + "PayloadTooLarge";
  static final String RATE_LIMITED = RESPONSES + "RateLimited";
  static final String UNSUPPORTED_ENCODING = RESPONSES + "UnsupportedEncoding";

  static final String INGEST_BODY = BODIES + "IngestRequest";
  static final String CONTACT_BODY = BODIES + "ContactRequest";
  static final String CONFIG_BODY = BODIES + "WorkspaceConfig";
  static final String KEY_BODY = BODIES + "KeyRequest";
  static final String WORKSPACE_BODY = BODIES + "WorkspaceRequest";

  private OpenApiRefs() {}
}
