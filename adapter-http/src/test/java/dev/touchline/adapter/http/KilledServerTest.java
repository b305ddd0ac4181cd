package dev.touchline.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.adapter.http.store.StoreRuntime;
import dev.touchline.adapter.http.store.WalJournal;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on its embedded store, a child JVM, killed with {@code SIGKILL} while batches are in
 * flight; restarted on the same data directory, every batch sent again: the final state equals a
 * run that was never killed (every event once, the same contacts, tags, scores and counts), and the
 * SQLite file passes its integrity check.
 */
class KilledServerTest {
  private static final int PEOPLE = 150;
  private static final int BATCHES = 30;
  private static final int BATCH_SIZE = 100;
  private static final int SENDERS = 4;
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final String KEY = ApiKeySecrets.generate();
  private static final String CONFIG =
      """
      {"rules": [
        {"id": "joined", "when": {"event": "signup"}, "then": [{"addTag": "member"}, {"trigger": "welcome"}]},
        {"id": "buyer", "when": {"event": "purchase"}, "then": [{"addTag": "buyer"}, {"score": 10}]},
        {"id": "reader", "when": {"event": "page_viewed"}, "then": [{"score": 1}]}
      ]}
      """;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void killedMidBatch_restarted_andSentAgain_theStateEqualsAnUninterruptedRun(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("workspace.json");
    Files.writeString(config, CONFIG);
    Path data = dir.resolve("data");
    List<List<String>> batches = batches();

    int answeredBeforeKill;
    try (Child first = Child.start(data, config, dir.resolve("first.log"))) {
      answeredBeforeKill =
          sendAll(first.base, batches, BATCHES / 3, first::kill, new ArrayList<>());
    }
    assertThat(answeredBeforeKill).as("batches answered before the kill").isLessThan(BATCHES);

    Map<String, String> afterRestart;
    try (Child second = Child.start(data, config, dir.resolve("second.log"))) {
      List<String> inFlight = new ArrayList<>();
      assertThat(sendAll(second.base, batches, Integer.MAX_VALUE, () -> {}, inFlight))
          .as("every batch answered after the restart")
          .isEqualTo(BATCHES);
      // Events whose first attempt the kill cut short between its writes are answered
      // "duplicate" with inFlight: true until the grace has passed; sent again after it, as the
      // README tells clients to, they are finished.
      int cutShort = inFlight.size();
      for (int round = 0; !inFlight.isEmpty(); round++) {
        assertThat(round).as("rounds of resending in-flight events").isLessThan(5);
        Thread.sleep(GRACE.toMillis() + 500);
        List<String> again = new ArrayList<>(inFlight);
        inFlight.clear();
        sendAll(second.base, List.of(again), Integer.MAX_VALUE, () -> {}, inFlight);
      }
      System.out.printf(
          "killed server: %d of %d batches answered before the kill; after the restart %d events"
              + " answered inFlight (each finished by a resend after the grace)%n",
          answeredBeforeKill, BATCHES, cutShort);
      afterRestart = state(second.base);
      second.kill(); // killed again: the file must still open and check clean
    }

    Map<String, String> reference;
    try (RunningServer clean =
        RunningServer.start(
            Map.of(
                "touchline.bootstrap-key",
                KEY,
                "touchline.bootstrap-rate-limit",
                "10000",
                "touchline.config-file",
                config.toString()))) {
      String base = clean.uri("").toString();
      List<String> inFlight = new ArrayList<>();
      assertThat(sendAll(base, batches, Integer.MAX_VALUE, () -> {}, inFlight)).isEqualTo(BATCHES);
      assertThat(inFlight).as("nothing in flight without a kill").isEmpty();
      reference = state(base);
    }
    assertThat(afterRestart).hasSize(PEOPLE).isEqualTo(reference);

    // The embedded store opens the killed file in this JVM too (SQLite's natives loaded with it),
    // then SQLite checks the whole file.
    try (RunningServer reopened =
        RunningServer.start(
            Map.of(
                "touchline.store",
                "embedded",
                "touchline.data-dir",
                data.toString(),
                "touchline.bootstrap-key",
                KEY,
                "touchline.bootstrap-rate-limit",
                "10000"))) {
      assertThat(state(reopened.uri("").toString())).isEqualTo(reference);
    }
    assertThat(WalJournal.integrityCheck(data.resolve(StoreRuntime.EMBEDDED_FILE))).isEqualTo("ok");
  }

  /** 3,000 events of 150 people in 30 batches of 100, each with its messageId. */
  private static List<List<String>> batches() {
    Random random = new Random(11);
    String[] types = {"signup", "purchase", "page_viewed", "page_viewed"};
    List<String> items = new ArrayList<>();
    for (int i = 0; i < BATCHES * BATCH_SIZE; i++) {
      String type = types[random.nextInt(types.length)];
      items.add(
          "{\"event\":\""
              + type
              + "\",\"email\":\"p"
              + random.nextInt(PEOPLE)
              + "@killed.example\",\"messageId\":\"k-"
              + i
              + "\",\"properties\":{\"orderId\":\"o-"
              + i
              + "\"}}");
    }
    // every person appears (the comparison reads each)
    for (int p = 0; p < PEOPLE; p++) {
      items.set(p * 20, items.get(p * 20).replaceFirst("p\\d+@", "p" + p + "@"));
    }
    Collections.shuffle(items, random);
    List<List<String>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(List.copyOf(items.subList(b * BATCH_SIZE, (b + 1) * BATCH_SIZE)));
    }
    return batches;
  }

  /**
   * Sends the batches from {@link #SENDERS} threads; after {@code killAfter} answers, runs {@code
   * kill} while the other senders' batches are in flight. Every item answered must be accepted or a
   * duplicate; the items answered {@code inFlight} are added to {@code inFlight}. Answers how many
   * batches were answered.
   */
  private static int sendAll(
      String base, List<List<String>> batches, int killAfter, Runnable kill, List<String> inFlight)
      throws Exception {
    ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>(batches);
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch killed = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < SENDERS; t++) {
      senders.add(
          pool.submit(
              () -> {
                List<String> batch;
                while (killed.getCount() > 0 && (batch = queue.poll()) != null) {
                  HttpResponse<String> r;
                  try {
                    r = post(base + "/v1/events", "{\"events\":[" + String.join(",", batch) + "]}");
                  } catch (IOException connectionLost) {
                    return null; // the server was killed under this batch
                  }
                  assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                  JsonNode results = Json.of(r).get("results");
                  for (int i = 0; i < batch.size(); i++) {
                    JsonNode result = results.get(i);
                    assertThat(result.get("status").asText())
                        .as(result.toString())
                        .isIn("accepted", "duplicate");
                    if (result.path("inFlight").asBoolean(false)) {
                      synchronized (inFlight) {
                        inFlight.add(batch.get(i));
                      }
                    }
                  }
                  if (answered.incrementAndGet() == killAfter) {
                    kill.run();
                    killed.countDown();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : senders) {
      f.get(4, TimeUnit.MINUTES);
    }
    pool.shutdown();
    return answered.get();
  }

  /** Each person's contact (tags, score, counts) and timeline (messageIds, each once). */
  private static Map<String, String> state(String base) throws Exception {
    Map<String, String> state = new TreeMap<>();
    for (int p = 0; p < PEOPLE; p++) {
      String email = "p" + p + "@killed.example";
      HttpResponse<String> r =
          get(base + "/v1/contacts?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(email + ": " + r.body()).isEqualTo(200);
      JsonNode c = Json.of(r);
      Set<String> tags = new TreeSet<>();
      c.get("tags").forEach(t -> tags.add(t.asText()));
      Map<String, Integer> counts = new TreeMap<>();
      c.get("eventStats")
          .fields()
          .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().get("count").asInt()));
      List<String> messageIds = new ArrayList<>();
      String cursor = null;
      do {
        JsonNode page =
            Json.of(
                get(
                    base
                        + "/v1/events?limit=200&contactId="
                        + c.get("id").asText()
                        + (cursor == null ? "" : "&cursor=" + cursor)));
        page.get("data").forEach(e -> messageIds.add(e.get("messageId").asText()));
        cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
      } while (cursor != null);
      assertThat(new TreeSet<>(messageIds))
          .as(email + ": each event once")
          .hasSameSizeAs(messageIds);
      Collections.sort(messageIds);
      state.put(
          email,
          "tags="
              + tags
              + " score="
              + c.get("score").asText()
              + " counts="
              + counts
              + " events="
              + messageIds);
    }
    return state;
  }

  private static HttpResponse<String> post(String url, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("X-API-Key", KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("X-API-Key", KEY)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The server in a JVM of its own, on the embedded store in {@code data}. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final String base;
    final Path log;

    private Child(Process process, String base, Path log) {
      this.process = process;
      this.base = base;
      this.log = log;
    }

    static Child start(Path data, Path config, Path log) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+UseSerialGC",
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  TouchlineServer.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("TOUCHLINE_STORE", "embedded");
      env.put("TOUCHLINE_DATA_DIR", data.toString());
      env.put("TOUCHLINE_CONFIG", config.toString());
      env.put("TOUCHLINE_BOOTSTRAP_KEY", KEY);
      env.put("TOUCHLINE_BOOTSTRAP_RATE_LIMIT", "10000");
      env.put("TOUCHLINE_PORT", Integer.toString(port));
      env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
      env.put("DDB_LOCAL_TELEMETRY", "0");
      env.put("TOUCHLINE_IN_FLIGHT_GRACE", GRACE.toSeconds() + "s");
      Child child = new Child(pb.start(), "http://127.0.0.1:" + port, log);
      child.awaitUp();
      return child;
    }

    private void awaitUp() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("the server stopped at start:\n" + Files.readString(log));
        }
        try {
          if (get(base + "/health").statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
      throw new AssertionError("the server did not come up:\n" + Files.readString(log));
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      kill();
    }
  }
}
