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

  /**
   * The asynchronous path: checks every item as {@link #ingest} would before it resolves anything
   * (an item it refuses is answered and logged the same way), records each valid item in the
   * incoming log as {@code received} and puts them on the event queue; they are {@link
   * IngestOutcome.Received}. Their ingestion happens later, from the queue.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException as {@link #ingest}
   * @throws IllegalStateException when the engine has no event queue
   */
  IngestResult receive(Caller caller, IngestCommand command);
}
