package dev.touchline.adapter.http;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.IngestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Counts ingested events by outcome ({@code touchline.events}, tag {@code outcome}) and times each
 * ingest command ({@code touchline.ingest}); read them at {@code /metrics}.
 */
@Singleton
public final class IngestMetrics implements IngestObserver {
  private final Counter accepted;
  private final Counter duplicate;
  private final Counter discarded;
  private final Counter rejected;
  private final Timer latency;

  public IngestMetrics(MeterRegistry registry) {
    this.accepted = outcome(registry, "accepted");
    this.duplicate = outcome(registry, "duplicate");
    this.discarded = outcome(registry, "discarded");
    this.rejected = outcome(registry, "rejected");
    this.latency =
        Timer.builder("touchline.ingest")
            .description("time the engine spent on one POST /v1/events (single or batch)")
            .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("touchline.events")
        .description("events ingested, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void ingested(Caller caller, IngestResult result, Duration elapsed) {
    accepted.increment(result.accepted());
    duplicate.increment(result.duplicates());
    discarded.increment(result.discarded());
    rejected.increment(result.rejected());
    latency.record(elapsed);
  }
}
