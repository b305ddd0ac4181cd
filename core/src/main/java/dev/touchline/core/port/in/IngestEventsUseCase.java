package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;

/**
 * Ingests events synchronously: resolve, dedup, filter, store, apply rules; one outcome per item.
 */
public interface IngestEventsUseCase {

  /**
   * Processes every item in order; a failing item never prevents the others.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code forbidden_scope} without
   *     {@code events:write}, {@code payload_too_large} for a batch over the item limit
   */
  IngestResult ingest(Caller caller, IngestCommand command);
}
