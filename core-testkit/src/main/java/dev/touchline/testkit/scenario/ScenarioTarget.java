package dev.touchline.testkit.scenario;

import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A running engine the conformance scenarios talk to, whatever carries the requests: in process,
 * HTTP, SQS or Lambda. Its clock starts at {@link ScenarioRunner#START} and moves only when told.
 */
public interface ScenarioTarget extends AutoCloseable {

  /** Registers an API key and returns its secret. */
  String registerKey(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit);

  /** Revokes a key registered earlier. */
  void revokeKey(WorkspaceId workspace, String secret);

  /** Sends one API request and returns the response. */
  ApiResponse send(ApiRequest request);

  /** Moves the target's clock forward. */
  void advanceClock(Duration by);

  /** The triggers delivered to the sink for a workspace, in delivery order. */
  List<Trigger> deliveredTriggers(WorkspaceId workspace);

  @Override
  default void close() {}
}
