package dev.touchline.core.domain.paging;

/**
 * A cursor that was not produced by the same listing (tampered, truncated, or from another query).
 */
public class InvalidCursorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidCursorException(String message) {
    super(message);
  }
}
