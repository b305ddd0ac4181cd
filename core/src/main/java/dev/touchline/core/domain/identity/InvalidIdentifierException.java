package dev.touchline.core.domain.identity;

/** A client-supplied identifier that is refused, with the request field at fault. */
public class InvalidIdentifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidIdentifierException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
