package dev.touchline.testkit.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda events as the service sends them (JSON text), for functions run by the runtime client: an
 * HTTP API request (payload 2.0) and an SQS batch.
 */
public final class EventJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  /**
   * An HTTP API event.
   *
   * @param query the raw query string ({@code ""} for none)
   * @param body the body text, or null for none
   */
  public static String httpApi(
      String method, String path, String query, Map<String, String> headers, String body) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", query);
    event.put("headers", headers);
    event.put(
        "requestContext",
        Map.of(
            "accountId", "123456789012",
            "apiId", "api",
            "stage", "$default",
            "requestId", "r-" + System.nanoTime(),
            "http",
                Map.of(
                    "method",
                    method,
                    "path",
                    path,
                    "protocol",
                    "HTTP/1.1",
                    "sourceIp",
                    "203.0.113.7")));
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return write(event);
  }

  /** An SQS event: one record per (messageId, body) pair, in order. */
  public static String sqs(List<Map.Entry<String, String>> messages) {
    return write(
        Map.of(
            "Records",
            messages.stream()
                .map(
                    m ->
                        Map.of(
                            "messageId",
                            m.getKey(),
                            "receiptHandle",
                            "handle-" + m.getKey(),
                            "body",
                            m.getValue(),
                            "attributes",
                            Map.of("ApproximateReceiveCount", "1"),
                            "messageAttributes",
                            Map.of(),
                            "md5OfBody",
                            "",
                            "eventSource",
                            "aws:sqs",
                            "eventSourceARN",
                            "arn:aws:sqs:eu-west-1:123456789012:events",
                            "awsRegion",
                            "eu-west-1"))
                .toList()));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
