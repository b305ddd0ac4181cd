package dev.touchline.testkit.faults;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryEventRepository;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.StorageRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The in-memory timeline with faults on demand: its next appends are refused ({@link #failNext}),
 * or those of chosen events ({@link #failWhen}), as a store that is unavailable or throttling
 * refuses them (nothing written); appends can be slowed ({@link #delay}). Reads never fail.
 */
public final class FaultyEvents implements EventRepository {
  private final InMemoryEventRepository delegate = new InMemoryEventRepository();
  private int failures;
  private volatile Predicate<Event> failing = e -> false;
  private volatile long delayMillis;

  /** The next {@code count} appends fail ({@link Integer#MAX_VALUE}: down until told otherwise). */
  public synchronized FaultyEvents failNext(int count) {
    this.failures = count;
    return this;
  }

  /** Appends of the events {@code which} accepts fail. */
  public FaultyEvents failWhen(Predicate<Event> which) {
    this.failing = which;
    return this;
  }

  /** Every append waits this long first (zero: no wait). */
  public FaultyEvents delay(Duration value) {
    this.delayMillis = value.toMillis();
    return this;
  }

  @Override
  public void append(Event event) {
    long wait = delayMillis;
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    boolean fail;
    synchronized (this) {
      fail = failures > 0 || failing.test(event);
      if (failures > 0) {
        failures--;
      }
    }
    if (fail) {
      throw new StorageRefusedException("injected: the store is unavailable");
    }
    delegate.append(event);
  }

  @Override
  public Optional<Event> findById(WorkspaceId workspace, EventId id) {
    return delegate.findById(workspace, id);
  }

  @Override
  public Page<Event> query(EventQuery query) {
    return delegate.query(query);
  }

  /** A workspace's stored events (up to 200), newest first. */
  public List<Event> stored(WorkspaceId workspace) {
    return delegate
        .query(
            new EventQuery(workspace, Optional.empty(), Optional.empty(), PageRequest.first(200)))
        .items();
  }
}
