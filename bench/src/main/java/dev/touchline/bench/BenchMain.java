package dev.touchline.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the ingestion benchmarks in one JVM session and prints events/s with the baseline beside
 * them: (a) parsing only, (b) the full pipeline, and (c) the pipeline with 10 vs 100 rules and 1k
 * vs 100k contacts. Pass {@code --quick} for a short smoke run.
 */
public final class BenchMain {
  private BenchMain() {}

  record Case(String label, String benchmark, int rules, int contacts) {}

  public static void main(String[] args) throws RunnerException {
    boolean quick = List.of(args).contains("--quick");
    List<Case> cases =
        List.of(
            new Case("(a) parse only (baseline)", "parse", 50, 10_000),
            new Case("(b) pipeline, 50 rules, 10k contacts", "pipeline", 50, 10_000),
            new Case("(c) pipeline, 10 rules, 10k contacts", "pipeline", 10, 10_000),
            new Case("(c) pipeline, 100 rules, 10k contacts", "pipeline", 100, 10_000),
            new Case("(c) pipeline, 50 rules, 1k contacts", "pipeline", 50, 1_000),
            new Case("(c) pipeline, 50 rules, 100k contacts", "pipeline", 50, 100_000));
    List<double[]> results = new ArrayList<>();
    for (Case c : cases) {
      ChainedOptionsBuilder options =
          new OptionsBuilder()
              .include(IngestBenchmark.class.getName() + "." + c.benchmark() + "$")
              .param("rules", Integer.toString(c.rules()))
              .param("contacts", Integer.toString(c.contacts()))
              .forks(1)
              // The in-memory store keeps every event, so the heap fills; the parallel collector
              // gives steadier figures than G1 on two cores.
              .jvmArgsAppend("-Xms4g", "-Xmx6g", "-XX:+UseParallelGC")
              .warmupIterations(quick ? 1 : 5)
              .warmupTime(TimeValue.seconds(quick ? 1 : 3))
              .measurementIterations(quick ? 2 : 5)
              .measurementTime(TimeValue.seconds(quick ? 1 : 3));
      Collection<RunResult> run = new Runner(options.build()).run();
      if (run.isEmpty()) {
        throw new IllegalStateException(
            "the benchmark " + c.label() + " failed; see its output above");
      }
      RunResult r = run.iterator().next();
      results.add(
          new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    double baseline = results.get(0)[0];
    System.out.println();
    System.out.println(
        "Touchline ingestion, events/s (batches of "
            + IngestBenchmark.BATCH
            + " ~1 KB events, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, one thread)");
    for (int i = 0; i < cases.size(); i++) {
      double[] r = results.get(i);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%-42s %10.0f ± %7.0f   %5.3f × baseline",
              cases.get(i).label(),
              r[0],
              r[1],
              r[0] / baseline));
    }
    System.out.println(
        String.format(Locale.ROOT, "ratio b/a = %.3f", results.get(1)[0] / baseline));
  }
}
