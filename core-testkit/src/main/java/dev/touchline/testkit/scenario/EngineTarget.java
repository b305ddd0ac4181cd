package dev.touchline.testkit.scenario;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What every target shares, whatever carries its requests: an engine running on the target's clock
 * and delivering to the target's trigger sink (give both to the engine you build), with the
 * operator's key tasks done on that engine.
 */
public abstract class EngineTarget implements ScenarioTarget {
  /** The clock the engine must run on; it stands at {@link ScenarioRunner#START}. */
  protected final TestClock clock = new TestClock(ScenarioRunner.START);

  /** The sink the engine must deliver triggers to. */
  protected final InMemoryTriggerSink sink = new InMemoryTriggerSink();

  /** The engine behind the target. */
  protected abstract Touchline engine();

  @Override
  public String registerKey(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    return engine().apiKeys().issue(workspace, scopes, rateLimit).secret();
  }

  @Override
  public void revokeKey(WorkspaceId workspace, String secret) {
    engine().apiKeys().revoke(workspace, ApiKeySecrets.publicId(secret));
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
