package dev.touchline.core.port.in;

import java.util.List;

/** The outcome of every item of an ingest command, in order. */
public record IngestResult(List<IngestOutcome> outcomes) {
  public IngestResult {
    outcomes = List.copyOf(outcomes);
  }

  public long accepted() {
    return count(IngestOutcome.Accepted.class);
  }

  public long duplicates() {
    return count(IngestOutcome.Duplicate.class);
  }

  public long discarded() {
    return count(IngestOutcome.Discarded.class);
  }

  public long received() {
    return count(IngestOutcome.Received.class);
  }

  public long rejected() {
    return count(IngestOutcome.Rejected.class);
  }

  private long count(Class<? extends IngestOutcome> kind) {
    return outcomes.stream().filter(kind::isInstance).count();
  }
}
