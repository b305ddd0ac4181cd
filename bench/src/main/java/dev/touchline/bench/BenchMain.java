package dev.touchline.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks in one JVM session and prints each figure beside its baseline from the same
 * run: (a) parsing only, (b) the full in-process pipeline, (c) the pipeline with 10 vs 100 rules
 * and 1k vs 100k contacts; then the server on loopback: (d) batches through {@code POST /v1/events}
 * against (b), (f) single-event requests against (e) an echo endpoint in the same server, and (g)
 * batches on the embedded store, and (h) Jackson's own tree reading of (a)'s bodies. {@code
 * --quick} is a short smoke run; {@code --decode} runs (a) and (h) only; {@code --server} runs (b)
 * and the server cases only.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * One benchmark to run.
   *
   * @param baseline the index of the case it is compared with (itself for a baseline)
   * @param slow fewer, longer iterations (the embedded store)
   */
  record Case(
      String label,
      String benchmark,
      Map<String, String> params,
      int baseline,
      boolean server,
      boolean slow) {}

  private static Case inProcess(String label, String benchmark, int rules, int contacts, int base) {
    return new Case(
        label, "IngestBenchmark." + benchmark, params(rules, contacts), base, false, false);
  }

  private static Map<String, String> params(int rules, int contacts) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rules", Integer.toString(rules));
    p.put("contacts", Integer.toString(contacts));
    return p;
  }

  private static Case server(
      String label, String benchmark, String store, int contacts, int base, boolean slow) {
    Map<String, String> p = params(50, contacts);
    p.put("store", store);
    return new Case(label, "ServerBenchmark." + benchmark, p, base, true, slow);
  }

  public static void main(String[] args) throws RunnerException {
    boolean quick = List.of(args).contains("--quick");
    boolean serverOnly = List.of(args).contains("--server");
    boolean decodeOnly = List.of(args).contains("--decode");
    List<Case> cases =
        List.of(
            inProcess("(a) parse only (baseline)", "parse", 50, 10_000, 0),
            inProcess("(b) pipeline, 50 rules, 10k contacts", "pipeline", 50, 10_000, 0),
            inProcess("(c) pipeline, 10 rules, 10k contacts", "pipeline", 10, 10_000, 0),
            inProcess("(c) pipeline, 100 rules, 10k contacts", "pipeline", 100, 10_000, 0),
            inProcess("(c) pipeline, 50 rules, 1k contacts", "pipeline", 50, 1_000, 0),
            inProcess("(c) pipeline, 50 rules, 100k contacts", "pipeline", 50, 100_000, 0),
            server("(d) server, batches of 100, memory", "batch", "memory", 10_000, 1, false),
            server("(e) server, echo requests (baseline)", "echo", "memory", 10_000, 7, false),
            server("(f) server, single-event requests", "single", "memory", 10_000, 7, false),
            server("(g) server, batches of 100, embedded", "batch", "embedded", 1_000, 9, true),
            inProcess("(h) Jackson readTree only, no limits", "jacksonTree", 50, 10_000, 0));
    double[][] results = new double[cases.size()][];
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      if (serverOnly && !c.server() && i != 1) {
        continue;
      }
      if (decodeOnly && !c.benchmark().matches("IngestBenchmark\\.(parse|jacksonTree)")) {
        continue;
      }
      results[i] = run(c, quick);
    }
    System.out.println();
    System.out.println(
        "Touchline, per second (batches of "
            + IngestBenchmark.BATCH
            + " ~1 KB events; "
            + Runtime.getRuntime().availableProcessors()
            + " cores; one client thread; (e) and (f) in requests, the rest in events)");
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      double[] r = results[i];
      if (r == null) {
        continue;
      }
      double[] base = results[c.baseline()];
      String ratio =
          c.baseline() == i || base == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "%5.3f × %s",
                  r[0] / base[0],
                  cases.get(c.baseline()).label().substring(0, 3));
      System.out.println(
          String.format(Locale.ROOT, "%-42s %10.0f ± %7.0f   %s", c.label(), r[0], r[1], ratio));
    }
  }

  private static double[] run(Case c, boolean quick) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(c.benchmark() + "$")
            .forks(1)
            // The in-memory store keeps every event, so the heap fills; the parallel collector
            // gives steadier figures than G1 on two cores.
            .jvmArgsAppend("-Xms4g", "-Xmx6g", "-XX:+UseParallelGC");
    c.params().forEach(options::param);
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(2)
          .measurementTime(TimeValue.seconds(1));
    } else if (c.slow()) {
      options
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(5))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(5));
    } else {
      // The server has more code to compile than the engine alone: a longer warm-up.
      options
          .warmupIterations(c.server() ? 8 : 5)
          .warmupTime(TimeValue.seconds(3))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(3));
    }
    Collection<RunResult> run = new Runner(options.build()).run();
    if (run.isEmpty()) {
      throw new IllegalStateException(
          "the benchmark " + c.label() + " failed; see its output above");
    }
    RunResult r = run.iterator().next();
    return new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()};
  }
}
