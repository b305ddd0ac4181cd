package dev.touchline.core.domain.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that cannot be served: bad input, missing auth or scope, unknown resource, rate limit.
 * Adapters turn it into the error document {@code {"error": {code, message, field?}}}.
 */
public class TouchlineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String field;
  private final Duration retryAfter;

  public TouchlineException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public TouchlineException(ErrorCode code, String message, String field) {
    this(code, message, field, null);
  }

  public TouchlineException(ErrorCode code, String message, String field, Duration retryAfter) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
    this.retryAfter = retryAfter;
  }

  public static TouchlineException invalid(String field, String message) {
    return new TouchlineException(ErrorCode.INVALID_PAYLOAD, message, field);
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * The request field at fault (a JSON path such as {@code properties.amount}), when there is one.
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** For {@link ErrorCode#RATE_LIMITED}: how long until a retry may succeed. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
