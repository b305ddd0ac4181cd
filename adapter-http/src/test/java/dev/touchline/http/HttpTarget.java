package dev.touchline.http;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.ScenarioRunner;
import dev.touchline.testkit.scenario.ScenarioTarget;
import dev.touchline.testkit.scenario.TestClock;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The conformance scenarios' target over real HTTP: a server on a random port whose engine runs on
 * the target's clock. Keys are an operator task (no route), so they are registered on the engine.
 */
final class HttpTarget implements ScenarioTarget {
  private final TestClock clock = new TestClock(ScenarioRunner.START);
  private final InMemoryTriggerSink sink = new InMemoryTriggerSink();
  private final RunningServer server;

  HttpTarget(Map<String, Object> properties) {
    this.server = RunningServer.start(properties, clock, sink);
  }

  @Override
  public String registerKey(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    return server.engine().apiKeys().issue(workspace, scopes, rateLimit).secret();
  }

  @Override
  public void revokeKey(WorkspaceId workspace, String secret) {
    server.engine().apiKeys().revoke(workspace, ApiKeySecrets.publicId(secret));
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    HttpRequest.Builder http = server.request(request.path() + query(request.query()));
    request.headers().forEach(http::header);
    http.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    HttpResponse<String> response = server.send(http.build());
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    return new ApiResponse(
        response.statusCode(), headers, response.body().getBytes(StandardCharsets.UTF_8));
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
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  @Override
  public List<Trigger> deliveredTriggers(WorkspaceId workspace) {
    return sink.delivered().stream().filter(t -> t.workspace().equals(workspace)).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
