package dev.touchline.testkit.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A function in a child JVM, run as Lambda runs Java: AWS's runtime interface client as the main
 * class, the JVM flags of the managed runtime (C1 only, serial GC, a heap of 85% of the memory
 * size), the {@code AWS_LAMBDA_*} variables, and a {@link FakeRuntimeApi} as the Runtime API. Its
 * output goes to a log file.
 *
 * @param startedAtNanos {@link System#nanoTime()} just before the JVM was started
 */
public record FunctionProcess(Process process, Path logFile, long startedAtNanos)
    implements AutoCloseable {
  private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final int MEMORY_MB = 1024;

  /**
   * Starts a function.
   *
   * @param classpath the function's jar(s) and the runtime client's
   * @param handler {@code class::method}
   * @param env the function's own variables (and credentials for local endpoints)
   */
  public static FunctionProcess start(
      FakeRuntimeApi runtime, List<Path> classpath, String handler, Map<String, String> env) {
    try {
      Path log = Files.createTempFile("touchline-function-", ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-XX:+TieredCompilation");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      command.add("-XX:MaxHeapSize=" + MEMORY_MB * 85 / 100 + "m");
      command.add("-cp");
      command.add(
          String.join(
              File.pathSeparator,
              classpath.stream().map(p -> p.toAbsolutePath().toString()).toList()));
      command.add(MAIN);
      command.add(handler);
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> environment = pb.environment();
      environment.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
      environment.put("AWS_REGION", "eu-west-1");
      environment.put("AWS_LAMBDA_FUNCTION_NAME", "touchline");
      environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
      environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
      environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/touchline");
      environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
      environment.put("_HANDLER", handler);
      environment.putAll(env);
      long started = System.nanoTime();
      return new FunctionProcess(pb.start(), log, started);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the function's JVM", e);
    }
  }

  /** What the function wrote so far. */
  public String log() {
    try {
      return Files.readString(logFile);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(logFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // a leftover temporary file
    }
  }
}
