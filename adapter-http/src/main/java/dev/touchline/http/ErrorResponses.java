package dev.touchline.http;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.wire.Documents;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The body of every error the server answers before a request reaches the engine (no route, a body
 * over the cap, an unexpected failure): the engine's own error document, so a client sees one
 * format whatever went wrong. A known path with another method is answered as no route (404), as in
 * every other runtime.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses implements ErrorResponseProcessor<byte[]> {
  private final long maxBodyBytes;

  ErrorResponses(ServerSettings settings) {
    this.maxBodyBytes = settings.limits().maxBodyBytes();
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<byte[]> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpRequest<?> request = context.getRequest();
    int status = response.code();
    ErrorCode code;
    String message;
    if (status == HttpStatus.NOT_FOUND.getCode()
        || status == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
      code = ErrorCode.NOT_FOUND;
      message = "no route " + request.getMethodName() + " " + request.getPath();
    } else if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      code = ErrorCode.PAYLOAD_TOO_LARGE;
      message = "the request body is larger than " + maxBodyBytes + " bytes";
    } else if (status >= 500) {
      code = ErrorCode.INTERNAL_ERROR;
      message = "internal error; the request may be retried";
    } else {
      code = ErrorCode.INVALID_PAYLOAD;
      message =
          context.getErrors().isEmpty()
              ? "the request could not be read"
              : context.getErrors().get(0).getMessage();
    }
    byte[] body = Documents.bytes(Documents.error(code, message, Optional.empty()));
    MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
    return out.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }
}
