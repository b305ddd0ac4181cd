package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API Gateway's events as the engine's {@link ApiRequest}, and its answers back: the REST API's
 * proxy event (payload 1.0) and the HTTP API's (payload 2.0). Header names in any case (repeated
 * headers combined as HTTP combines them, so a second {@code X-API-Key} is not lost), single and
 * multi-value query parameters, base64-encoded bodies, and a path without the stage prefix API
 * Gateway may leave on it.
 */
public final class ApiGatewayEvents {
  private ApiGatewayEvents() {}

  /**
   * A REST API proxy event as a request.
   *
   * @throws TouchlineException {@code invalid_payload} for a body marked base64 that is not
   */
  public static ApiRequest fromRest(APIGatewayProxyRequestEvent event) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getMultiValueHeaders() != null && !event.getMultiValueHeaders().isEmpty()) {
      event.getMultiValueHeaders().forEach((name, values) -> merge(headers, name, values));
    } else if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> merge(headers, name, List.of(value)));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (event.getMultiValueQueryStringParameters() != null
        && !event.getMultiValueQueryStringParameters().isEmpty()) {
      event
          .getMultiValueQueryStringParameters()
          .forEach((name, values) -> query.put(name, List.copyOf(values)));
    } else if (event.getQueryStringParameters() != null) {
      event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
    }
    String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
    return new ApiRequest(
        orEmpty(event.getHttpMethod()),
        withoutStage(orEmpty(event.getPath()), stage),
        query,
        headers,
        body(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())));
  }

  /**
   * An HTTP API event (payload 2.0) as a request.
   *
   * @throws TouchlineException {@code invalid_payload} for a body marked base64 that is not
   */
  public static ApiRequest fromHttp(APIGatewayV2HTTPEvent event) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> merge(headers, name, List.of(value)));
    }
    String method = "";
    String stage = null;
    if (event.getRequestContext() != null) {
      stage = event.getRequestContext().getStage();
      if (event.getRequestContext().getHttp() != null) {
        method = orEmpty(event.getRequestContext().getHttp().getMethod());
      }
    }
    return new ApiRequest(
        method,
        withoutStage(orEmpty(event.getRawPath()), stage),
        query(event.getRawQueryString()),
        headers,
        body(event.getBody(), event.getIsBase64Encoded()));
  }

  /** An answer as a REST API proxy response. */
  public static APIGatewayProxyResponseEvent toRest(ApiResponse response) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(response.status())
        .withHeaders(Map.copyOf(response.headers()))
        .withBody(response.bodyText())
        .withIsBase64Encoded(false);
  }

  /** An answer as an HTTP API response. */
  public static APIGatewayV2HTTPResponse toHttp(ApiResponse response) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(Map.copyOf(response.headers()))
        .withBody(response.bodyText())
        .withIsBase64Encoded(false)
        .build();
  }

  /** A raw query string's parameters, decoded, repeated names kept in order. */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw TouchlineException.invalid(null, "the query string is not valid percent-encoding");
    }
  }

  /**
   * The path without the stage prefix: a REST API reached by its default endpoint or a custom
   * domain path can leave {@code /<stage>} in front of the resource path; the HTTP API's {@code
   * $default} stage has none.
   */
  static String withoutStage(String path, String stage) {
    if (stage == null || stage.isEmpty() || stage.equals("$default")) {
      return path;
    }
    String prefix = "/" + stage;
    if (path.equals(prefix)) {
      return "/";
    }
    return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
  }

  private static byte[] body(String body, boolean base64) {
    if (body == null) {
      return new byte[0];
    }
    if (!base64) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw TouchlineException.invalid(null, "the body is marked base64-encoded but is not base64");
    }
  }

  private static void merge(Map<String, String> headers, String name, List<String> values) {
    if (name == null || values == null || values.isEmpty()) {
      return;
    }
    String joined = String.join(", ", values);
    headers.merge(name, joined, (a, b) -> a + ", " + b);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
