package dev.touchline.core.domain.error;

/** The error codes of the public contract, each with the HTTP status an adapter answers with. */
public enum ErrorCode {
  INVALID_PAYLOAD("invalid_payload", 400),
  PAYLOAD_TOO_LARGE("payload_too_large", 413),
  UNAUTHENTICATED("unauthenticated", 401),
  FORBIDDEN_SCOPE("forbidden_scope", 403),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  CONTACT_NOT_FOUND("contact_not_found", 404),
  IDEMPOTENCY_CONFLICT("idempotency_conflict", 409),
  /** A resource with that id exists already (e.g. a workspace). */
  ALREADY_EXISTS("already_exists", 409),
  /** A documented count limit of the workspace is reached (e.g. its live API keys). */
  LIMIT_REACHED("limit_reached", 409),
  URI_TOO_LONG("uri_too_long", 414),
  UNSUPPORTED_ENCODING("unsupported_encoding", 415),
  RATE_LIMITED("rate_limited", 429),
  HEADERS_TOO_LARGE("headers_too_large", 431),
  INTERNAL_ERROR("internal_error", 500);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /** The code as it appears in error documents, e.g. {@code invalid_payload}. */
  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
