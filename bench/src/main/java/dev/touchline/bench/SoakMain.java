package dev.touchline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sustained load on the real server (benchmark code, not a unit test): the server jar in a JVM of
 * its own on the memory or the embedded store, {@code --connections} clients (16), each sending up
 * to {@code --rate} requests a second (20; as fast as the server answers when it is slower): single
 * events, batches of 2 to 10 and (one in twenty) of 100, resends, reads and hostile requests for
 * {@code --minutes} (10), and one more client driving a key limited to 20 requests a second at 100
 * a second. Every 30 seconds it collects the server's garbage ({@code jcmd GC.run}) and samples its
 * heap (from {@code /metrics}), its threads and its open file descriptors ({@code /proc}). It
 * prints throughput, p50/p99 per kind of request, every status seen, the samples and a verdict; it
 * exits 1 when a check fails: a 5xx or any status outside a request's documented answers, a 429 on
 * an unlimited key or one without {@code Retry-After}, threads or descriptors growing after the
 * warm-up, or the heap growing (the embedded store keeps its data on disk, so its heap must stay
 * flat; the memory store keeps every event in the heap, so there the heap per stored event must
 * stay flat).
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.touchline.bench.SoakMain --store memory --minutes 10
 * </pre>
 */
public final class SoakMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
  private static final int PEOPLE = 5_000;
  private static final String CONFIG =
      """
      {"rules": [
        {"id": "joined", "when": {"event": "signup"}, "then": [{"addTag": "member"}, {"setLifecycle": "lead"}, {"trigger": "welcome"}]},
        {"id": "buyer", "when": {"event": "purchase"}, "then": [{"addTag": "buyer"}, {"score": 10}, {"setLifecycle": "customer"}]},
        {"id": "reader", "when": {"event": "page_viewed"}, "then": [{"score": 1}]}
      ],
      "segments": [{"id": "engaged", "condition": {"scoreAtLeast": 50}}]}
      """;

  private static final ThreadLocal<String> LAST_SINGLE = new ThreadLocal<>();

  private final String store;
  private final Duration length;
  private final int connections;
  private final int rate;
  private final Path serverJar;
  private final String key = ApiKeySecrets.generate();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
  private final LongAdder storedEvents = new LongAdder();
  private final List<String> failures = new ArrayList<>();
  private String base;

  private SoakMain(String store, Duration length, int connections, int rate, Path serverJar) {
    this.rate = rate;
    this.store = store;
    this.length = length;
    this.connections = connections;
    this.serverJar = serverJar;
  }

  public static void main(String[] args) throws Exception {
    String store = "memory";
    double minutes = 10;
    int connections = 16;
    int rate = 20;
    Path jar = Path.of("adapter-http", "target", "touchline-server.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--store" -> store = args[++i];
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--server-jar" -> jar = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: SoakMain [--store memory|embedded] [--minutes 10] [--connections 16] [--rate 20]"
                  + " [--server-jar adapter-http/target/touchline-server.jar]");
          System.exit(2);
        }
      }
    }
    if (!store.equals("memory") && !store.equals("embedded")) {
      System.err.println("--store must be memory or embedded, not " + store);
      System.exit(2);
    }
    if (minutes <= 0
        || minutes > 120
        || connections < 1
        || connections > 256
        || rate < 1
        || rate > 10_000) {
      System.err.println(
          "--minutes lies in (0, 120], --connections in [1, 256], --rate in [1, 10000]");
      System.exit(2);
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println(
          jar + " is missing: run `mvn -q -pl bench -am package -DskipTests` from the checkout");
      System.exit(2);
    }
    SoakMain soak =
        new SoakMain(store, Duration.ofMillis((long) (minutes * 60_000)), connections, rate, jar);
    System.exit(soak.run(System.out) ? 0 : 1);
  }

  /** What one kind of request met: its statuses and latencies. */
  private static final class Kind {
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final List<long[]> latencies = new ArrayList<>();
    final AtomicLong unexpected = new AtomicLong();
    volatile String firstUnexpected;

    synchronized void latencies(long[] some, int n) {
      latencies.add(Arrays.copyOf(some, n));
    }
  }

  /** One request the clients send, and the statuses it may be answered with. */
  private record Request(String kind, HttpRequest request, int... allowed) {}

  private boolean run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("touchline-soak");
    Path config = dir.resolve("workspace.json");
    Files.writeString(config, CONFIG);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    ProcessBuilder pb =
        new ProcessBuilder(javaTool("java"), "-Xmx1g", "-XX:+UseG1GC", "-jar", serverJar.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("TOUCHLINE_STORE", store);
    env.put("TOUCHLINE_DATA_DIR", dir.resolve("data").toString());
    env.put("TOUCHLINE_PORT", Integer.toString(port));
    env.put("TOUCHLINE_BOOTSTRAP_KEY", key);
    env.put("TOUCHLINE_BOOTSTRAP_RATE_LIMIT", "10000,100000");
    env.put("TOUCHLINE_CONFIG", config.toString());
    env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    env.put("DDB_LOCAL_TELEMETRY", "0");
    Process server = pb.start();
    try {
      awaitUp(server, dir.resolve("server.log"));
      return soak(server, out, dir);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private boolean soak(Process server, PrintStream out, Path dir) throws Exception {
    String limited = issueLimitedKey();
    long started = System.nanoTime();
    long deadline = started + length.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      long seed = c;
      threads.add(daemon("soak-client-" + c, () -> clientLoop(new Random(seed), deadline)));
    }
    threads.add(daemon("soak-limited", () -> limitedLoop(limited, deadline)));
    threads.forEach(Thread::start);

    List<long[]> samples = new ArrayList<>(); // seconds, heap bytes, threads, fds, stored events
    long nextSample = started;
    while (System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextSample) {
        sampleInto(samples, server, started);
        nextSample += SAMPLE_EVERY.toNanos();
      }
      Thread.sleep(200);
    }
    for (Thread t : threads) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    sampleInto(samples, server, started);
    if (!server.isAlive()) {
      failures.add("the server stopped during the run");
    }
    if (samples.isEmpty()) {
      failures.add("no sample of the server could be taken");
      samples.add(new long[5]);
    }
    return report(out, seconds, samples, dir);
  }

  private String issueLimitedKey() throws Exception {
    HttpResponse<String> r =
        send(
            post(
                "/v1/keys",
                key,
                "{\"name\":\"soak limited\",\"scopes\":[\"events:write\"],"
                    + "\"rateLimit\":{\"perSecond\":20,\"burst\":20}}"));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("cannot issue the limited key: " + r.body());
    }
    return JSON.readTree(r.body()).get("secret").asText();
  }

  private void clientLoop(Random random, long deadline) {
    Map<String, long[]> buffers = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    int n = 0;
    Pacer pacer = new Pacer(rate);
    while (System.nanoTime() < deadline) {
      if (!pacer.awaitNext()) {
        return;
      }
      Request req = next(random, n++);
      long t0 = System.nanoTime();
      int status;
      try {
        HttpResponse<String> r = send(req.request());
        status = r.statusCode();
        if (status == 201 || status == 200) {
          countStored(req.kind(), r.body());
        }
      } catch (IOException e) {
        status = -1; // a connection failure: as bad as a 5xx
      } catch (InterruptedException e) {
        return;
      }
      long micros = (System.nanoTime() - t0) / 1_000;
      Kind kind = kinds.computeIfAbsent(req.kind(), k -> new Kind());
      kind.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
      int answered = status;
      if (Arrays.stream(req.allowed()).noneMatch(s -> s == answered)) {
        if (kind.unexpected.getAndIncrement() == 0) {
          kind.firstUnexpected =
              status + " for " + req.request().method() + " " + req.request().uri();
        }
      }
      long[] buf = buffers.computeIfAbsent(req.kind(), k -> new long[65_536]);
      int i = counts.getOrDefault(req.kind(), 0);
      buf[i++] = micros;
      if (i == buf.length) {
        kind.latencies(buf, i);
        i = 0;
      }
      counts.put(req.kind(), i);
    }
    buffers.forEach((k, buf) -> kinds.get(k).latencies(buf, counts.get(k)));
  }

  private void countStored(String kind, String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer.has("accepted")) {
        storedEvents.add(answer.get("accepted").asLong());
      } else if ("accepted".equals(answer.path("status").asText())) {
        storedEvents.increment();
      }
    } catch (IOException e) {
      // a read's body: nothing stored
    }
  }

  /** The limited key at 100 requests a second: 429 with Retry-After past its 20 a second. */
  private void limitedLoop(String limited, long deadline) {
    Kind kind = kinds.computeIfAbsent("limited key (20/s, sent 100/s)", k -> new Kind());
    long[] buf = new long[200_000];
    int n = 0;
    Pacer pacer = new Pacer(100);
    while (System.nanoTime() < deadline && n < buf.length) {
      if (!pacer.awaitNext()) {
        return;
      }
      long t0 = System.nanoTime();
      int status;
      try {
        HttpResponse<String> r =
            send(
                post(
                    "/v1/events",
                    limited,
                    "{\"event\":\"page_viewed\",\"email\":\"limited@soak.example\"}"));
        status = r.statusCode();
        if (status == 429
            && r.headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("[1-9][0-9]*"))
                .isEmpty()) {
          status = 4290; // a 429 without a valid Retry-After: unexpected
        }
        if (status == 201) {
          storedEvents.increment();
        }
      } catch (IOException e) {
        status = -1;
      } catch (InterruptedException e) {
        return;
      }
      buf[n++] = (System.nanoTime() - t0) / 1_000;
      kind.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
      if (status != 201 && status != 429 && kind.unexpected.getAndIncrement() == 0) {
        kind.firstUnexpected = Integer.toString(status);
      }
    }
    kind.latencies(buf, n);
  }

  /**
   * Paces a loop to a rate; when it falls behind it goes on at once, without a burst to catch up.
   */
  private static final class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(int perSecond) {
      this.intervalNanos = 1_000_000_000L / perSecond;
    }

    /** Sleeps until the next slot; false when interrupted. */
    boolean awaitNext() {
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait <= 0) {
        next = System.nanoTime();
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The next request of a client: the mix of a busy tracker, a backend and a few bad actors. */
  private Request next(Random random, int n) {
    String email = "p" + random.nextInt(PEOPLE) + "@soak.example";
    String messageId = Thread.currentThread().getName() + "-" + n;
    int roll = random.nextInt(100);
    if (roll < 35 || (roll < 65 && roll >= 60 && LAST_SINGLE.get() == null)) {
      String body = event(random, email, messageId);
      LAST_SINGLE.set(body);
      return new Request("single event", post("/v1/events", key, body), 201);
    }
    if (roll < 60) {
      int size = random.nextInt(20) == 0 ? 100 : 2 + random.nextInt(9);
      StringBuilder b = new StringBuilder("{\"events\":[");
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(
            event(random, "p" + random.nextInt(PEOPLE) + "@soak.example", messageId + "-" + i));
      }
      return new Request(
          "batch (2-10, or 100)", post("/v1/events", key, b.append("]}").toString()), 200);
    }
    if (roll < 65) {
      // this client's last single event again: a duplicate
      return new Request("resend", post("/v1/events", key, LAST_SINGLE.get()), 200);
    }
    if (roll < 75) {
      return new Request(
          "contact read", get("/v1/contacts?email=" + email.replace("@", "%40"), key), 200, 404);
    }
    if (roll < 80) {
      return new Request("audience listing", get("/v1/contacts?tag=buyer&limit=50", key), 200);
    }
    return hostile(random, email);
  }

  private Request hostile(Random random, String email) {
    switch (random.nextInt(10)) {
      case 0:
        return new Request("hostile", post("/v1/events", key, "{\"event\":"), 400);
      case 1:
        return new Request(
            "hostile", post("/v1/events", ApiKeySecrets.generate(), "{\"event\":\"signup\"}"), 401);
      case 2:
        return new Request(
            "hostile", post("/v1/events", "tl_live_" + "x".repeat(5_000), "{}"), 401);
      case 3:
        return new Request(
            "hostile", post("/v1/events", key, "[".repeat(2_000) + "]".repeat(2_000)), 400);
      case 4:
        return new Request(
            "hostile",
            post(
                "/v1/events",
                key,
                "{\"event\":\"signup\",\"email\":\""
                    + email
                    + "\",\"properties\":{\"a\":\""
                    + "y".repeat(9_000)
                    + "\"}}"),
            400);
      case 5:
        return new Request(
            "hostile",
            HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("X-API-Key", key)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            405);
      case 6:
        return new Request(
            "hostile",
            post("/v1/events", key, "{\"event\":\"signup\",\"email\":\"not an email\"}"),
            400);
      case 7:
        return new Request("hostile", get("/v1/events?cursor=" + "z".repeat(2_000), key), 400);
      case 8:
        return new Request(
            "hostile",
            post("/v1/events", key, "{\"events\":[{\"event\":\"signup\"}," + "1e99999999999]}"),
            200,
            400);
      default:
        // past the 1 MiB body cap, sent rarely
        return random.nextInt(10) == 0
            ? new Request(
                "hostile",
                post("/v1/events", key, "{\"a\":\"" + "z".repeat(1_100_000) + "\"}"),
                413)
            : new Request("hostile", get("/v1/contacts?segment=nope", key), 404);
    }
  }

  private static String event(Random random, String email, String messageId) {
    int type = random.nextInt(10);
    if (type == 0) {
      return "{\"event\":\"signup\",\"email\":\""
          + email
          + "\",\"messageId\":\""
          + messageId
          + "\"}";
    }
    if (type < 3) {
      return "{\"event\":\"purchase\",\"email\":\""
          + email
          + "\",\"messageId\":\""
          + messageId
          + "\",\"properties\":{\"orderId\":\""
          + messageId
          + "\",\"total\":"
          + random.nextInt(500)
          + ".99}}";
    }
    return "{\"event\":\"page_viewed\",\"email\":\""
        + email
        + "\",\"messageId\":\""
        + messageId
        + "\",\"properties\":{\"path\":\"/p/"
        + random.nextInt(1_000)
        + "\"}}";
  }

  private void sampleInto(List<long[]> samples, Process server, long started) {
    try {
      samples.add(sample(server, started));
    } catch (Exception e) {
      failures.add(
          "sampling the server failed at "
              + (System.nanoTime() - started) / 1_000_000_000L
              + " s: "
              + e
              + (server.isAlive() ? "" : " (the server has stopped)"));
    }
  }

  /** Seconds since the start, heap after a full collection, live threads, open descriptors. */
  private long[] sample(Process server, long started) throws Exception {
    long pid = server.pid();
    Process gc = new ProcessBuilder(javaTool("jcmd"), Long.toString(pid), "GC.run").start();
    gc.getInputStream().readAllBytes();
    gc.waitFor(60, TimeUnit.SECONDS);
    JsonNode heap = JSON.readTree(send(get("/metrics/jvm.memory.used?tag=area:heap", null)).body());
    long heapBytes = heap.get("measurements").get(0).get("value").asLong();
    long threads = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.substring(8).trim());
      }
    }
    long fds;
    try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds = files.count();
    }
    return new long[] {
      (System.nanoTime() - started) / 1_000_000_000L, heapBytes, threads, fds, storedEvents.sum()
    };
  }

  private boolean report(PrintStream out, double seconds, List<long[]> samples, Path dir) {
    out.printf(
        Locale.ROOT,
        "%n## Soak: store %s, %d connections at up to %d requests a second each (+1 on a limited"
            + " key), %.1f minutes%n%n",
        store,
        connections,
        rate,
        seconds / 60);
    out.println("| requests | count | per second | p50 ms | p99 ms | max ms | statuses |");
    out.println("|---|---:|---:|---:|---:|---:|---|");
    long total = 0;
    for (Map.Entry<String, Kind> e : new TreeMap<>(kinds).entrySet()) {
      Kind k = e.getValue();
      long[] all = k.latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      long count = k.statuses.values().stream().mapToLong(LongAdder::sum).sum();
      total += count;
      Map<Integer, Long> statuses = new TreeMap<>();
      k.statuses.forEach((s, c) -> statuses.put(s, c.sum()));
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.0f | %.1f | %.1f | %.1f | %s |%n",
          e.getKey(),
          count,
          count / seconds,
          percentile(all, 0.50) / 1000.0,
          percentile(all, 0.99) / 1000.0,
          all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
          statuses);
      if (k.unexpected.get() > 0) {
        failures.add(
            k.unexpected.get()
                + " unexpected answers to "
                + e.getKey()
                + ", first: "
                + k.firstUnexpected);
      }
      statuses.keySet().stream()
          .filter(s -> s >= 500 || s < 0)
          .forEach(s -> failures.add(e.getKey() + ": status " + s + " x" + statuses.get(s)));
      if (!e.getKey().startsWith("limited") && statuses.containsKey(429)) {
        failures.add(e.getKey() + ": 429 on the unlimited key");
      }
    }
    out.printf(
        Locale.ROOT,
        "%nAll: %d requests, %.0f a second; %d events stored.%n%n",
        total,
        total / seconds,
        storedEvents.sum());
    Kind limitedKind =
        kinds.values().stream()
            .filter(k -> k.statuses.containsKey(429) || k.statuses.containsKey(4290))
            .findFirst()
            .orElse(null);
    if (limitedKind == null || !limitedKind.statuses.containsKey(429)) {
      failures.add("the limited key never got 429");
    }

    out.println(
        "| at s | heap after GC MB | heap per stored event B | threads | open fds | events stored |");
    out.println("|---:|---:|---:|---:|---:|---:|");
    for (long[] s : samples) {
      out.printf(
          Locale.ROOT,
          "| %d | %.1f | %s | %d | %d | %d |%n",
          s[0],
          s[1] / 1e6,
          s[4] == 0 ? "-" : Long.toString(s[1] / s[4]),
          s[2],
          s[3],
          s[4]);
    }
    // After a warm-up of a fifth of the run: threads and descriptors bounded, heap flat (embedded)
    // or flat per stored event (memory).
    List<long[]> steady =
        samples.subList(Math.min(samples.size() - 1, samples.size() / 5), samples.size());
    long[] first = steady.get(0);
    long maxThreads = steady.stream().mapToLong(s -> s[2]).max().orElse(0);
    long maxFds = steady.stream().mapToLong(s -> s[3]).max().orElse(0);
    if (maxThreads > first[2] + 16) {
      failures.add("threads grew after the warm-up: " + first[2] + " -> " + maxThreads);
    }
    if (maxFds > first[3] + 32) {
      failures.add("open descriptors grew after the warm-up: " + first[3] + " -> " + maxFds);
    }
    long[] last = steady.get(steady.size() - 1);
    String heapVerdict;
    if (store.equals("embedded")) {
      double slopeMbPerMin = slope(steady, 1) * 60 / 1e6;
      heapVerdict = String.format(Locale.ROOT, "heap after GC trend %.2f MB/min", slopeMbPerMin);
      if (slopeMbPerMin > 2.0) {
        failures.add("the heap grows: " + heapVerdict);
      }
    } else {
      double mid =
          (double) steady.get(steady.size() / 2)[1] / Math.max(1, steady.get(steady.size() / 2)[4]);
      double end = (double) last[1] / Math.max(1, last[4]);
      heapVerdict =
          String.format(
              Locale.ROOT,
              "heap after GC per stored event %.0f B at mid-run, %.0f B at the end",
              mid,
              end);
      if (end > mid * 1.2) {
        failures.add("the heap grows faster than the stored events: " + heapVerdict);
      }
    }
    out.printf(
        Locale.ROOT,
        "%nAfter the warm-up: threads %d..%d, open fds %d..%d, %s.%n",
        first[2],
        maxThreads,
        first[3],
        maxFds,
        heapVerdict);
    if (failures.isEmpty()) {
      out.println(
          "Verdict: held (no 5xx, every answer documented, 429 with Retry-After on the limited key only).");
      return true;
    }
    out.println("Verdict: FAILED (server log: " + dir.resolve("server.log") + ")");
    failures.forEach(f -> out.println("- " + f));
    return false;
  }

  /** Least-squares slope of column {@code y} over seconds (column 0), per second. */
  private static double slope(List<long[]> samples, int y) {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double mx = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
    double my = samples.stream().mapToDouble(s -> s[y]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (long[] s : samples) {
      num += (s[0] - mx) * (s[y] - my);
      den += (s[0] - mx) * (s[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private void awaitUp(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server stopped at start:\n" + Files.readString(log));
      }
      try {
        if (send(get("/health", null)).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not come up:\n" + Files.readString(log));
  }

  private HttpRequest post(String path, String apiKey, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("X-API-Key", apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest get(String path, String apiKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    return b.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String javaTool(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
