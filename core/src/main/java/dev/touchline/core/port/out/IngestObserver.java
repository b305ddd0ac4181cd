package dev.touchline.core.port.out;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.port.in.IngestResult;
import java.time.Duration;

/**
 * Told of every completed ingest command, e.g. to count outcomes and time requests. Called on the
 * ingesting thread after the command's work is done; it must be quick and must not throw.
 */
public interface IngestObserver {

  /** Observes nothing. */
  IngestObserver NONE = (caller, result, elapsed) -> {};

  /**
   * @param result one outcome per item, in order
   * @param elapsed wall time the command took inside the engine
   */
  void ingested(Caller caller, IngestResult result, Duration elapsed);
}
