package dev.touchline.adapter.http;

import dev.touchline.core.Touchline;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.EngineTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The conformance scenarios' target over real HTTP: a server on a random port whose engine runs on
 * the target's clock. Keys are an operator task (no route), so they are registered on the engine.
 */
final class HttpTarget extends EngineTarget {
  private final RunningServer server;

  HttpTarget(Map<String, Object> properties) {
    this.server = RunningServer.start(properties, clock, sink);
  }

  @Override
  protected Touchline engine() {
    return server.engine();
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    int headBytes =
        request.headers().entrySet().stream()
            .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4)
            .sum();
    if (headBytes > RAW_HEAD_BYTES) {
      return sendRaw(request);
    }
    HttpRequest.Builder http = server.request(request.path() + query(request.query()));
    request.headers().forEach(http::header);
    http.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    HttpResponse<String> response = server.send(http.build());
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    return new ApiResponse(
        response.statusCode(), headers, response.body().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Heads this large go over a plain socket: the server answers them before reading them whole and
   * closes, and the JDK client, still writing, loses that answer to the reset.
   */
  private static final int RAW_HEAD_BYTES = 16 * 1024;

  private ApiResponse sendRaw(ApiRequest request) {
    URI uri = server.uri(request.path() + query(request.query()));
    StringBuilder head =
        new StringBuilder(request.method())
            .append(' ')
            .append(uri.getRawPath())
            .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(request.body());
        out.flush();
      } catch (IOException closedWhileWriting) {
        // the server answered early and closed: read what it said
      }
      byte[] answer = socket.getInputStream().readAllBytes();
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, split).split("\r\n");
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      byte[] body = java.util.Arrays.copyOfRange(answer, split + 4, answer.length);
      return new ApiResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String query(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner("&", "?", "");
    query.forEach(
        (name, values) ->
            values.forEach(
                v ->
                    joined.add(
                        URLEncoder.encode(name, StandardCharsets.UTF_8)
                            + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return joined.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
