package dev.touchline.http;

/**
 * References into the schemas and responses of {@code src/main/openapi/components.yml}, which the
 * build merges into the generated OpenAPI document.
 */
final class OpenApiRefs {
  static final String SCHEMAS = "#/components/schemas/";
  static final String INVALID = "#/components/responses/InvalidPayload";
  static final String UNAUTHENTICATED = "#/components/responses/Unauthenticated";
  static final String FORBIDDEN = "#/components/responses/ForbiddenScope";
  static final String NOT_FOUND = "#/components/responses/NotFound";
  static final String TOO_LARGE = "#/components/responses/PayloadTooLarge";
  static final String RATE_LIMITED = "#/components/responses/RateLimited";

  private OpenApiRefs() {}
}
