package dev.touchline.bench.lambda;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.testkit.lambda.EventJson;
import dev.touchline.testkit.lambda.FakeRuntimeApi;
import dev.touchline.testkit.lambda.FakeRuntimeApi.Invocation;
import dev.touchline.testkit.lambda.FunctionProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start of the API function, measured as Lambda runs it: fresh JVMs (C1 only, serial GC)
 * running AWS's runtime interface client against a fake Runtime API on loopback, the function on
 * DynamoDB Local's HTTP server. For each JVM: start → the runtime's first poll (init) and start →
 * the first {@code POST /v1/events} answered; Touchline's functions against {@link PlainHandler}
 * (the same event parsed with Jackson, the same SDK client built) in alternating JVMs; the
 * injector's creation time from Touchline's log; then, in one JVM, warm latency of one event and of
 * a batch of 100.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.touchline.bench.lambda.ColdStartBenchmark [runs]
 * </pre>
 *
 * The function gets the template's settings, queues included; {@code
 * -Dtouchline.coldstart.noQueues=true} leaves the queues out (no SQS client built).
 */
public final class ColdStartBenchmark {
  private static final Duration ANSWER = Duration.ofSeconds(60);
  private static final Pattern INJECTOR =
      Pattern.compile(
          "injector built in (\\d+) ms \\(DynamoDB client (\\d+) ms, engine (\\d+) ms, bootstrap"
              + " key (\\d+) ms\\)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "coldstart";
  private static final String KEY = ApiKeySecrets.generate();

  private ColdStartBenchmark() {}

  /** Times of one JVM; the injector's, and Guice's own share of it (without the providers). */
  private record Run(double initMs, double firstMs, double injectorMs, double guiceMs) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path lambdaJar =
        Path.of(
            System.getProperty(
                "touchline.lambda.jar", "adapter-lambda/target/touchline-lambda.jar"));
    Path runtimeDir =
        Path.of(System.getProperty("touchline.lambda.runtime", "bench/target/lambda-runtime"));
    Path benchJar =
        Path.of(
            ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    require(lambdaJar, "build it: mvn -q -pl bench -am package -DskipTests");
    require(runtimeDir, "build it: mvn -q -pl bench -am package -DskipTests");
    List<Path> classpath = new ArrayList<>();
    classpath.add(lambdaJar);
    classpath.add(benchJar); // PlainHandler; every other class comes from the first jar
    try (Stream<Path> jars = Files.list(runtimeDir)) {
      jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
    }

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DynamoDBProxyServer dynamo =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    dynamo.start();
    String endpoint = "http://127.0.0.1:" + port;
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
      new DynamoDbStore(client, TABLE).createTableIfMissing(false);
    }
    // As the template configures the API function: both queues set (no SQS call is made: no rule
    // fires a trigger and the mode is sync), so the SQS client is built at init too.
    Map<String, String> env = new java.util.HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("TOUCHLINE_DYNAMODB_ENDPOINT", endpoint);
    env.put("TOUCHLINE_DYNAMODB_TABLE", TABLE);
    env.put("TOUCHLINE_BOOTSTRAP_KEY", KEY);
    if (!Boolean.getBoolean("touchline.coldstart.noQueues")) {
      env.put("TOUCHLINE_SQS_ENDPOINT", "http://127.0.0.1:9");
      env.put("TOUCHLINE_SQS_QUEUE_URL", "http://127.0.0.1:9/000000000000/events");
      env.put("TOUCHLINE_SQS_TRIGGER_QUEUE_URL", "http://127.0.0.1:9/000000000000/triggers");
    }
    try {
      // one of each first, not counted: the OS's file cache and DynamoDB Local warm up
      cold(classpath, "dev.touchline.bench.lambda.PlainHandler::handleRequest", env, -1);
      cold(classpath, "dev.touchline.adapter.lambda.HttpApiHandler::handleRequest", env, -1);
      List<Run> plain = new ArrayList<>();
      List<Run> touchline = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        plain.add(
            cold(classpath, "dev.touchline.bench.lambda.PlainHandler::handleRequest", env, i));
        touchline.add(
            cold(classpath, "dev.touchline.adapter.lambda.HttpApiHandler::handleRequest", env, i));
      }
      report(runs, plain, touchline);
      warm(classpath, env, "dev.touchline.bench.lambda.PlainHandler::handleRequest", false);
      warm(classpath, env, "dev.touchline.adapter.lambda.HttpApiHandler::handleRequest", true);
    } finally {
      dynamo.stop();
    }
  }

  private static Run cold(List<Path> classpath, String handler, Map<String, String> env, int n) {
    try (FakeRuntimeApi runtime = new FakeRuntimeApi();
        FunctionProcess function = FunctionProcess.start(runtime, classpath, handler, env)) {
      Invocation answer = runtime.invoke(event("cold-" + n + "-" + System.nanoTime()), ANSWER);
      int status = status(answer);
      if (status != 201 && status != 200) {
        throw new IllegalStateException(
            handler + " answered " + answer.body() + "\n" + function.log());
      }
      double init = (runtime.firstPollNanos().orElseThrow() - function.startedAtNanos()) / 1e6;
      double first = (answer.answeredAtNanos() - function.startedAtNanos()) / 1e6;
      Matcher m = INJECTOR.matcher(function.log());
      if (!m.find()) {
        return new Run(init, first, Double.NaN, Double.NaN);
      }
      double injector = Double.parseDouble(m.group(1));
      double providers =
          Double.parseDouble(m.group(2))
              + Double.parseDouble(m.group(3))
              + Double.parseDouble(m.group(4));
      return new Run(init, first, injector, injector - providers);
    }
  }

  private static void warm(
      List<Path> classpath, Map<String, String> env, String handler, boolean batches) {
    try (FakeRuntimeApi runtime = new FakeRuntimeApi();
        FunctionProcess function = FunctionProcess.start(runtime, classpath, handler, env)) {
      double[] single = new double[300];
      for (int i = 0; i < 400; i++) {
        long t = System.nanoTime();
        Invocation a = runtime.invoke(event("warm-" + i), ANSWER);
        if (status(a) != 201 && status(a) != 200) {
          throw new IllegalStateException(a.body() + "\n" + function.log());
        }
        if (i >= 100) {
          single[i - 100] = (a.answeredAtNanos() - t) / 1e6;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%nwarm %s, one JVM (after 100 single events):%n"
              + "  one event        p50 %6.2f ms   p99 %6.2f ms   (300 invocations)%n",
          handler.substring(handler.lastIndexOf('.') + 1, handler.indexOf(':')),
          percentile(single, 50),
          percentile(single, 99));
      if (!batches) {
        return;
      }
      double[] batch = new double[30];
      for (int i = 0; i < 50; i++) {
        long t = System.nanoTime();
        Invocation a = runtime.invoke(batchEvent(i), ANSWER);
        if (status(a) != 200) {
          throw new IllegalStateException(a.body() + "\n" + function.log());
        }
        if (i >= 20) {
          batch[i - 20] = (a.answeredAtNanos() - t) / 1e6;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  batch of 100     p50 %6.2f ms   p99 %6.2f ms   (30 invocations, after 20)%n",
          percentile(batch, 50),
          percentile(batch, 99));
    }
  }

  private static void report(int runs, List<Run> plain, List<Run> touchline) {
    System.out.printf(
        Locale.ROOT,
        "cold start, %d fresh JVMs each (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), DynamoDB Local over HTTP%n",
        runs);
    System.out.println(
        "run   plain init  plain first   touchline init  touchline first  injector (Guice's own)");
    for (int i = 0; i < runs; i++) {
      System.out.printf(
          Locale.ROOT,
          "%3d   %8.0f ms  %8.0f ms   %11.0f ms  %12.0f ms  %6.0f ms (%3.0f ms)%n",
          i + 1,
          plain.get(i).initMs(),
          plain.get(i).firstMs(),
          touchline.get(i).initMs(),
          touchline.get(i).firstMs(),
          touchline.get(i).injectorMs(),
          touchline.get(i).guiceMs());
    }
    double plainFirst = median(plain.stream().mapToDouble(Run::firstMs).toArray());
    double touchlineFirst = median(touchline.stream().mapToDouble(Run::firstMs).toArray());
    System.out.printf(
        Locale.ROOT,
        "median: plain init %.0f ms, first event %.0f ms; touchline init %.0f ms, first event"
            + " %.0f ms; injector %.0f ms, of which Guice's own %.0f ms%n"
            + "touchline / plain (JVM start -> first event answered): %.2fx (goal <= 1.5x)%n",
        median(plain.stream().mapToDouble(Run::initMs).toArray()),
        plainFirst,
        median(touchline.stream().mapToDouble(Run::initMs).toArray()),
        touchlineFirst,
        median(touchline.stream().mapToDouble(Run::injectorMs).toArray()),
        median(touchline.stream().mapToDouble(Run::guiceMs).toArray()),
        touchlineFirst / plainFirst);
  }

  private static String event(String messageId) {
    return EventJson.httpApi(
        "POST",
        "/v1/events",
        "",
        Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"),
        "{\"event\":\"signup\",\"email\":\"cold-"
            + messageId
            + "@example.com\",\"messageId\":\""
            + messageId
            + "\",\"properties\":{\"plan\":\"pro\"}}");
  }

  private static String batchEvent(int n) {
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 100; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"event\":\"page_viewed\",\"email\":\"b")
          .append(i % 50)
          .append("@example.com\",\"messageId\":\"batch-")
          .append(n)
          .append('-')
          .append(i)
          .append("\",\"properties\":{\"path\":\"/p/")
          .append(i)
          .append("\"}}");
    }
    return EventJson.httpApi(
        "POST",
        "/v1/events",
        "",
        Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"),
        body.append("]}").toString());
  }

  private static int status(Invocation answer) {
    try {
      return JSON.readTree(answer.body()).path("statusCode").asInt();
    } catch (IOException e) {
      return -1;
    }
  }

  private static double median(double[] values) {
    return percentile(values, 50);
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static void require(Path path, String hint) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " is missing: " + hint);
    }
  }
}
