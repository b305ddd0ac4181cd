package dev.touchline.bench;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.EventRequestDecoder;
import dev.touchline.core.wire.TouchlineApi;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Events per second: {@code parse} decodes request bodies into the request records (the Jackson
 * baseline); {@code pipeline} serves the same bodies through the whole engine, from bytes to the
 * response bytes, on the in-memory adapters. One operation is one batch of {@link #BATCH} events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {
  static final int BATCH = 100;
  private static final int BATCHES = 1500;

  @Param({"50"})
  public int rules;

  @Param({"10000"})
  public int contacts;

  private List<byte[]> corpus;
  private EventRequestDecoder decoder;
  private TouchlineApi api;
  private Map<String, String> headers;
  private int next;

  @Setup(Level.Trial)
  public void corpus() {
    corpus = Corpus.batches(BATCHES, BATCH, contacts, 7);
    decoder = new EventRequestDecoder(IngestLimits.DEFAULT);
  }

  /**
   * A fresh engine per iteration, its contacts already known, so every iteration sees the same
   * state.
   */
  @Setup(Level.Iteration)
  public void engine() {
    Touchline engine = Touchline.builder().build();
    WorkspaceId ws = new WorkspaceId("bench");
    Caller admin = Caller.trusted(ws);
    engine.workspaceConfig().replace(admin, Corpus.config(rules));
    List<IngestItem> items = new ArrayList<>(BATCH);
    for (int n = 0; n < contacts; n++) {
      items.add(new IngestItem.Valid(EventInput.of("signup", "email", Corpus.email(n))));
      if (items.size() == 500) {
        engine.ingest().ingest(admin, IngestCommand.batch(items));
        items.clear();
      }
    }
    if (!items.isEmpty()) {
      engine.ingest().ingest(admin, IngestCommand.batch(items));
    }
    String key =
        engine
            .apiKeys()
            .issue(
                ws,
                EnumSet.allOf(dev.touchline.core.domain.apikey.Scope.class),
                new RateLimit(1_000_000_000L, 1e9))
            .secret();
    headers = Map.of("X-API-Key", key, "Content-Type", "application/json");
    api = new TouchlineApi(engine);
    next = 0;
  }

  private byte[] nextBatch() {
    byte[] body = corpus.get(next);
    next = (next + 1) % corpus.size();
    return body;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public IngestCommand parse() {
    return decoder.decode(nextBatch(), Optional.empty());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public ApiResponse pipeline() {
    ApiResponse response =
        api.handle(new ApiRequest("POST", "/v1/events", Map.of(), headers, nextBatch()));
    if (response.status() != 200) {
      throw new IllegalStateException("benchmark request failed: " + response.bodyText());
    }
    return response;
  }
}
