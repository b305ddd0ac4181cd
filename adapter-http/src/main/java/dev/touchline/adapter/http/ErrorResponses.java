package dev.touchline.adapter.http;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.wire.Documents;
import dev.touchline.core.wire.TouchlineApi;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The body of every error the server answers before a request reaches the engine (no route, a body
 * over the cap, a request line or headers past Netty's bounds, an unexpected failure): the engine's
 * own error document, so a client sees one format whatever went wrong, and never a framework's
 * message. A known path with another method is {@code 405} with the engine's {@code Allow}, as in
 * every other runtime.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses implements ErrorResponseProcessor<byte[]> {
  private final long maxBodyBytes;
  private final int maxLineBytes;
  private final int maxHeaderBytes;

  ErrorResponses(ServerSettings settings, NettyHttpServerConfiguration netty) {
    this.maxBodyBytes = settings.limits().maxBodyBytes();
    this.maxLineBytes = netty.getMaxInitialLineLength();
    this.maxHeaderBytes = netty.getMaxHeaderSize();
  }

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<byte[]> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpRequest<?> request = context.getRequest();
    int status = response.code();
    ErrorCode code;
    String message;
    Optional<String> allow = Optional.empty();
    String route = Excerpt.of(request.getMethodName()) + " " + Excerpt.of(request.getPath());
    if (status == HttpStatus.METHOD_NOT_ALLOWED.getCode()
        && (allow = TouchlineApi.allowedMethods(request.getPath())).isPresent()) {
      code = ErrorCode.METHOD_NOT_ALLOWED;
      message = "this method is not served here; see Allow";
    } else if (status == HttpStatus.NOT_FOUND.getCode()
        || status == HttpStatus.METHOD_NOT_ALLOWED.getCode()
        || (status == HttpStatus.BAD_REQUEST.getCode()
            && request.getPath().startsWith("/health/"))) {
      code = ErrorCode.NOT_FOUND;
      message = "no route " + route;
    } else if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      Throwable cause = decoderFailure(request);
      if (cause instanceof TooLongHttpLineException) {
        code = ErrorCode.URI_TOO_LONG;
        message =
            "the request line (method, path and query) is longer than " + maxLineBytes + " bytes";
      } else if (cause instanceof TooLongHttpHeaderException) {
        code = ErrorCode.HEADERS_TOO_LARGE;
        message = "the request headers are larger than " + maxHeaderBytes + " bytes in all";
      } else {
        code = ErrorCode.PAYLOAD_TOO_LARGE;
        message = "the request body is larger than " + maxBodyBytes + " bytes";
      }
    } else if (status == HttpStatus.NOT_ACCEPTABLE.getCode()) {
      code = ErrorCode.INVALID_PAYLOAD;
      message = "Accept must allow application/json: every answer is JSON";
    } else if (status >= 500) {
      code = ErrorCode.INTERNAL_ERROR;
      message = "internal error; the request may be retried";
    } else {
      // A framework message may name its own types: never pass one on.
      code = ErrorCode.INVALID_PAYLOAD;
      message = "the request could not be read (malformed request line, header or parameter)";
    }
    byte[] body = Documents.bytes(Documents.error(code, message, Optional.empty()));
    MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
    out.getHeaders().remove(HttpHeaders.ALLOW);
    allow.ifPresent(methods -> out.getHeaders().set(HttpHeaders.ALLOW, methods));
    if (code == ErrorCode.URI_TOO_LONG || code == ErrorCode.HEADERS_TOO_LARGE) {
      // The connection's framing is lost after a head Netty could not read: say it closes.
      out.getHeaders().set(HttpHeaders.CONNECTION, "close");
    }
    return out.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  /** Why Netty could not decode the request head, when it could not. */
  private static Throwable decoderFailure(HttpRequest<?> request) {
    if (request instanceof NettyHttpRequest<?> netty
        && netty.getNativeRequest().decoderResult().isFailure()) {
      return netty.getNativeRequest().decoderResult().cause();
    }
    return null;
  }
}
