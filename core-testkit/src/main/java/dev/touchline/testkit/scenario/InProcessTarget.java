package dev.touchline.testkit.scenario;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The engine called in process through {@link TouchlineApi}; storage adapters can be swapped in
 * through {@code customizer} (in memory by default).
 */
public final class InProcessTarget implements ScenarioTarget {
  private final TestClock clock = new TestClock(ScenarioRunner.START);
  private final InMemoryTriggerSink sink = new InMemoryTriggerSink();
  private final Touchline engine;
  private final TouchlineApi api;

  public InProcessTarget() {
    this(UnaryOperator.identity());
  }

  public InProcessTarget(UnaryOperator<Touchline.Builder> customizer) {
    this.engine =
        customizer
            .apply(Touchline.builder().clock(clock).triggerSink(sink).configRefresh(Duration.ZERO))
            .build();
    this.api = new TouchlineApi(engine);
  }

  @Override
  public String registerKey(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    return engine.apiKeys().issue(workspace, scopes, rateLimit).secret();
  }

  @Override
  public void revokeKey(WorkspaceId workspace, String secret) {
    engine.apiKeys().revoke(workspace, ApiKeySecrets.publicId(secret));
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    return api.handle(request);
  }

  @Override
  public void advanceClock(Duration by) {
    clock.advance(by);
  }

  @Override
  public List<Trigger> deliveredTriggers(WorkspaceId workspace) {
    return sink.delivered().stream().filter(t -> t.workspace().equals(workspace)).toList();
  }
}
