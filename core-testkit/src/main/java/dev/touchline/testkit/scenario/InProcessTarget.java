package dev.touchline.testkit.scenario;

import dev.touchline.core.Touchline;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The engine called in process through {@link TouchlineApi}; storage adapters can be swapped in (in
 * memory by default).
 */
public final class InProcessTarget extends EngineTarget {
  private final Touchline engine;
  private final TouchlineApi api;

  public InProcessTarget() {
    this((builder, clock) -> builder);
  }

  /**
   * An engine whose storage {@code storage} chooses; it is given the target's clock (which the
   * builder already has) for adapters that need it too.
   */
  public InProcessTarget(BiFunction<Touchline.Builder, Clock, Touchline.Builder> storage) {
    this(storage, TouchlineApi::new);
  }

  /**
   * An engine as above, served by the API {@code api} makes of it (a runtime that carries the
   * events elsewhere before the engine ingests them: see {@code TouchlineApi}'s constructors).
   */
  public InProcessTarget(
      BiFunction<Touchline.Builder, Clock, Touchline.Builder> storage,
      Function<Touchline, TouchlineApi> api) {
    this.engine =
        storage
            .apply(
                Touchline.builder().clock(clock).triggerSink(sink).configRefresh(Duration.ZERO),
                clock)
            .build();
    this.api = api.apply(engine);
  }

  /** The engine behind the API. */
  @Override
  public Touchline engine() {
    return engine;
  }

  /** The target's clock. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    return api.handle(request);
  }
}
