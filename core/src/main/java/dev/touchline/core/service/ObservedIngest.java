package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestEventsUseCase;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.IngestObserver;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reports each completed ingest command to an {@link IngestObserver}. */
public final class ObservedIngest implements IngestEventsUseCase {
  private static final Logger LOG = Logger.getLogger(ObservedIngest.class.getName());

  private final IngestEventsUseCase delegate;
  private final IngestObserver observer;

  public ObservedIngest(IngestEventsUseCase delegate, IngestObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  @Override
  public IngestResult ingest(Caller caller, IngestCommand command) {
    return observed(caller, () -> delegate.ingest(caller, command));
  }

  @Override
  public IngestResult receive(Caller caller, IngestCommand command) {
    return observed(caller, () -> delegate.receive(caller, command));
  }

  private IngestResult observed(Caller caller, java.util.function.Supplier<IngestResult> work) {
    long start = System.nanoTime();
    IngestResult result = work.get();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    try {
      observer.ingested(caller, result, elapsed);
    } catch (RuntimeException e) {
      // The events are stored; a broken observer must not turn that into an error for the client.
      LOG.log(Level.WARNING, "the ingest observer failed", e);
    }
    return result;
  }
}
