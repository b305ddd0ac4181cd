package dev.touchline.core.domain.incoming;

import java.util.Objects;

/** Why an incoming event did not become a canonical event: a code and a human message. */
public record ProcessError(String code, String message) {
  public ProcessError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
