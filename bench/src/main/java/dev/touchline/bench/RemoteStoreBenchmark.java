package dev.touchline.bench;

import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The engine on a remote store: DynamoDB Local's HTTP server in process, reached through {@link
 * DelayProxy} with 0 and 2 ms each way, and the engine with the DynamoDB adapter behind {@link
 * TouchlineApi}. In one run, {@code batchConcurrency(1)} against the default: batches of 100 and
 * 500 events for known contacts (with messageIds) and for new contacts, one ordinary event for a
 * known contact and one of the corpus's mix (milliseconds, store calls, and sequential round trips
 * = (latency at 2 ms − latency at 0 ms) / 4 ms, the same events at both delays), and the same 500
 * events sent one by one. Medians of a few repetitions; every request carries ids of its own, so
 * nothing is a duplicate of an earlier repetition.
 *
 * <pre>
 * java -Dhttp.maxConnections=64 -cp bench/target/benchmarks.jar dev.touchline.bench.RemoteStoreBenchmark
 * </pre>
 */
public final class RemoteStoreBenchmark {
  private static final int KNOWN = 500;
  private static final int REPEATS = 3;

  /** The store calls sent so far (the remote client's counter). */
  private static AtomicLong CALLS = new AtomicLong();

  /** The corpus's contact emails, {@code "user<n>@}, and nothing else (not {@code userAgent}). */
  private static final Pattern NEW_EMAIL = Pattern.compile("\"user(\\d+)@");

  private RemoteStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (RemoteDynamoDb remote = new RemoteDynamoDb()) {
      CALLS = remote.calls;
      DelayProxy proxy = remote.proxy;
      DynamoDbClient client = remote.client;
      DynamoDbStore store = new DynamoDbStore(client, "touchline-bench");
      store.createTableIfMissing(true);
      List<String> lines = new ArrayList<>();
      for (int concurrency : new int[] {1, 16}) {
        proxy.delayMillis(0);
        Side side = new Side(store, concurrency);
        for (double delay : new double[] {0, 2}) {
          proxy.delayMillis(delay);
          String at =
              String.format(Locale.ROOT, "concurrency %2d, +%.0f ms each way", concurrency, delay);
          lines.add(at + ": batch of 500, known contacts   " + ms(side.batches(500, true)));
          lines.add(at + ": batch of 500, new contacts     " + ms(side.batches(500, false)));
          lines.add(at + ": batch of 100, known contacts   " + ms(side.batches(100, true)));
          double[] ordinary = side.singles(side.ordinary(20));
          double[] mixed = side.singles(side.mixed(20));
          lines.add(
              at
                  + String.format(
                      Locale.ROOT,
                      ": one ordinary event (page_viewed), known contact %.1f ms, %.1f store calls",
                      ordinary[0],
                      ordinary[1]));
          lines.add(
              at
                  + String.format(
                      Locale.ROOT,
                      ": one event of the corpus's mix, known contact  %.1f ms, %.1f store calls",
                      mixed[0],
                      mixed[1]));
          double bare = bareCall(client);
          lines.add(at + String.format(Locale.ROOT, ": one bare GetItem %.2f ms", bare));
          if (delay == 0) {
            side.ordinaryAtZero = ordinary[0];
            side.mixedAtZero = mixed[0];
            side.bareAtZero = bare;
          } else {
            double perTrip = bare - side.bareAtZero;
            lines.add(
                at
                    + String.format(
                        Locale.ROOT,
                        ": sequential round trips, ordinary event %.1f, the mix %.1f"
                            + " (by 4 ms each); %.1f and %.1f by what a bare call gained (%.2f ms)",
                        (ordinary[0] - side.ordinaryAtZero) / (4 * delay / 2),
                        (mixed[0] - side.mixedAtZero) / (4 * delay / 2),
                        (ordinary[0] - side.ordinaryAtZero) / perTrip,
                        (mixed[0] - side.mixedAtZero) / perTrip,
                        perTrip));
          }
        }
        if (concurrency == 16) {
          proxy.delayMillis(2);
          lines.add(
              "the same 500 known-contact events sent one by one, +2 ms each way: "
                  + String.format(Locale.ROOT, "%.0f ms", side.oneByOne(500)));
        }
      }
      System.out.println();
      System.out.println(
          "Touchline on DynamoDB Local through a delay proxy (medians of " + REPEATS + ")");
      lines.forEach(System.out::println);
    }
  }

  /**
   * Median milliseconds of one GetItem (a key nobody wrote) through the proxy: what one round trip
   * costs at the current delay, to turn an event's added latency into round trips.
   */
  private static double bareCall(DynamoDbClient client) {
    double[] took = new double[41];
    for (int i = 0; i < took.length; i++) {
      long start = System.nanoTime();
      client.getItem(
          b ->
              b.tableName("touchline-bench")
                  .key(
                      Map.of(
                          "PK", AttributeValue.fromS("calibration"),
                          "SK", AttributeValue.fromS("calibration"))));
      took[i] = (System.nanoTime() - start) / 1e6;
    }
    return median(took);
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%8.0f ms", millis);
  }

  /** One engine, one workspace, its known contacts made before the measurements. */
  private static final class Side {
    final TouchlineApi api;
    final Map<String, String> headers;
    final String tag;
    int run;
    double ordinaryAtZero;
    double mixedAtZero;
    double bareAtZero;

    Side(DynamoDbStore store, int concurrency) {
      Touchline engine =
          DynamoDbStorage.on(store, Clock.systemUTC())
              .configure(Touchline.builder())
              .batchConcurrency(concurrency)
              .build();
      WorkspaceId ws = new WorkspaceId("remote-" + concurrency);
      Caller admin = Caller.trusted(ws);
      engine.workspaceConfig().replace(admin, Corpus.config(50));
      List<EventInput> known = new ArrayList<>();
      for (int n = 0; n < KNOWN; n++) {
        known.add(EventInput.of("signup", "email", Corpus.email(n)));
      }
      engine.ingest().ingest(admin, IngestCommand.ofAll(known));
      String key =
          engine
              .apiKeys()
              .issue(ws, EnumSet.allOf(Scope.class), new RateLimit(1_000_000_000L, 1e9))
              .secret();
      this.api = new TouchlineApi(engine);
      this.headers = Map.of("X-API-Key", key, "Content-Type", "application/json");
      this.tag = "c" + concurrency;
    }

    /** Median milliseconds of a batch of {@code size}, known contacts or new ones. */
    double batches(int size, boolean knownContacts) {
      double[] took = new double[REPEATS];
      for (int r = 0; r < REPEATS; r++) {
        String body =
            fresh(
                new String(Corpus.batches(1, size, KNOWN, run).get(0), StandardCharsets.UTF_8),
                knownContacts);
        long start = System.nanoTime();
        ApiResponse response = post(body);
        took[r] = (System.nanoTime() - start) / 1e6;
        if (response.status() != 200 || !response.bodyText().contains("\"rejected\":0")) {
          throw new IllegalStateException("a batch item was refused: " + response.bodyText());
        }
      }
      return median(took);
    }

    /**
     * {@code count} page views of known contacts with a messageId, no rule firing a trigger: the
     * same events at every delay (fresh messageIds each time).
     */
    List<String> ordinary(int count) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(
            "{\"event\":\"page_viewed\",\"email\":\""
                + Corpus.email(i * 7 % KNOWN)
                + "\",\"messageId\":\"bench-pv-"
                + i
                + "\",\"properties\":{\"path\":\"/docs/page-"
                + i
                + "\"}}");
      }
      return out;
    }

    /** {@code count} single events of the corpus's mix: the same events at every delay. */
    List<String> mixed(int count) {
      return Corpus.singles(count, KNOWN, 1000).stream()
          .map(b -> new String(b, StandardCharsets.UTF_8))
          .toList();
    }

    /** Median milliseconds and mean store calls of one event for a known contact. */
    double[] singles(List<String> events) {
      int count = events.size();
      double[] took = new double[count];
      long calls = 0;
      for (int i = 0; i < count; i++) {
        String body = fresh(events.get(i), true);
        long before = CALLS.get();
        long start = System.nanoTime();
        ApiResponse response = post(body);
        took[i] = (System.nanoTime() - start) / 1e6;
        calls += CALLS.get() - before;
        if (response.status() >= 300) {
          throw new IllegalStateException(response.bodyText());
        }
      }
      return new double[] {median(took), (double) calls / count};
    }

    /** Milliseconds to send {@code count} known-contact events one request each. */
    double oneByOne(int count) {
      String batch =
          fresh(
              new String(Corpus.batches(1, count, KNOWN, run).get(0), StandardCharsets.UTF_8),
              true);
      List<String> events = splitBatch(batch);
      long start = System.nanoTime();
      for (String event : events) {
        post(event);
      }
      return (System.nanoTime() - start) / 1e6;
    }

    /** The body with messageIds (and, for new contacts, emails) no earlier request used. */
    private String fresh(String body, boolean knownContacts) {
      run++;
      String out = body.replace("\"bench-", "\"" + tag + "-" + run + "-");
      return knownContacts
          ? out
          : NEW_EMAIL.matcher(out).replaceAll("\"" + tag + "r" + run + "u$1@");
    }

    private ApiResponse post(String body) {
      return api.handle(
          new ApiRequest(
              "POST", "/v1/events", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The events of a {@code {"events": [...]}} body the corpus wrote (one object per event). */
  static List<String> splitBatch(String batch) {
    String inner = batch.substring("{\"events\":[".length(), batch.length() - 2);
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean inString = false;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        out.add(inner.substring(start, i + 1));
        start = i + 2; // skip the comma
      }
    }
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
