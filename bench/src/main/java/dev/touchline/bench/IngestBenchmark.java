package dev.touchline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.EventRequestDecoder;
import dev.touchline.core.wire.TouchlineApi;
import java.io.IOException;
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
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {
  static final int BATCH = 100;
  private static final int BATCHES = 1500;

  /** The generated request bodies, made once per run. */
  @State(Scope.Benchmark)
  public static class Workload {
    @Param({"50"})
    public int rules;

    @Param({"10000"})
    public int contacts;

    List<byte[]> corpus;
    int next;

    @Setup(Level.Trial)
    public void generate() {
      corpus = Corpus.batches(BATCHES, BATCH, contacts, 7);
    }

    byte[] nextBatch() {
      byte[] body = corpus.get(next);
      next = (next + 1) % corpus.size();
      return body;
    }
  }

  /** A decoder under the default limits. */
  @State(Scope.Benchmark)
  public static class Decoder {
    final EventRequestDecoder decoder = new EventRequestDecoder(IngestLimits.DEFAULT);
  }

  /**
   * A fresh engine per iteration, its contacts already known and the corpus rewound, so every
   * iteration starts from the same state.
   */
  @State(Scope.Benchmark)
  public static class Engine {
    /** The engine's {@code batchConcurrency}: 16 is the default, 1 works a batch in order. */
    @Param({"16"})
    int concurrency;

    TouchlineApi api;
    Map<String, String> headers;
    Touchline engine;

    @Setup(Level.Iteration)
    public void start(Workload workload) {
      if (engine != null) {
        engine.close();
      }
      engine = Touchline.builder().batchConcurrency(concurrency).build();
      String key = Corpus.prepareWorkspace(engine, workload.rules, workload.contacts);
      headers = Map.of("X-API-Key", key, "Content-Type", "application/json");
      api = new TouchlineApi(engine);
      workload.next = 0;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public IngestCommand parse(Workload workload, Decoder decoder) {
    return decoder.decoder.decode(workload.nextBatch(), Optional.empty());
  }

  /** Jackson alone, no limits and no records: what (a) costs on top of reading the JSON. */
  @State(Scope.Benchmark)
  public static class PlainJackson {
    final ObjectMapper mapper = new ObjectMapper();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public JsonNode jacksonTree(Workload workload, PlainJackson jackson) throws IOException {
    return jackson.mapper.readTree(workload.nextBatch());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public ApiResponse pipeline(Workload workload, Engine engine) {
    ApiResponse response =
        engine.api.handle(
            new ApiRequest("POST", "/v1/events", Map.of(), engine.headers, workload.nextBatch()));
    if (response.status() != 200) {
      throw new IllegalStateException("benchmark request failed: " + response.bodyText());
    }
    return response;
  }
}
