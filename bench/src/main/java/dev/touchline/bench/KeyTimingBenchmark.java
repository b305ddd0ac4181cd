package dev.touchline.bench;

import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How long a refused key takes to be refused, by kind of key: unknown (well-formed, never issued),
 * malformed (bad checksum, too short, not a key at all), revoked, and, as the baseline, a valid key
 * (its answer a 404 for a contact that does not exist, so the route's own work is one read too).
 * The API on the memory store and on DynamoDB Local through {@link DelayProxy} at 0 and 2 ms each
 * way, where a store read is a network round trip. An attacker must not tell the three refusals
 * apart by their answer (checked byte for byte here) or by their timing (each prints its median and
 * its ratio to the unknown key's, and its store calls).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.touchline.bench.KeyTimingBenchmark
 * </pre>
 */
public final class KeyTimingBenchmark {
  private static final int REQUESTS = 400;

  private KeyTimingBenchmark() {}

  public static void main(String[] args) throws Exception {
    measure("memory store", Touchline.builder().build(), null);

    try (RemoteDynamoDb remote = new RemoteDynamoDb()) {
      DelayProxy proxy = remote.proxy;
      DynamoDbClient client = remote.client;
      DynamoDbStore store = new DynamoDbStore(client, "touchline-key-timing");
      store.createTableIfMissing(false);
      Touchline engine =
          DynamoDbStorage.on(store, Clock.systemUTC()).configure(Touchline.builder()).build();
      for (double delay : new double[] {0, 2}) {
        proxy.delayMillis(delay);
        measure(
            String.format(Locale.ROOT, "DynamoDB Local, +%.0f ms each way", delay),
            engine,
            remote.calls);
      }
    }
  }

  private static void measure(String where, Touchline engine, AtomicLong calls) {
    WorkspaceId ws = new WorkspaceId("timing");
    String valid =
        engine
            .apiKeys()
            .issue(ws, EnumSet.allOf(Scope.class), new RateLimit(1_000_000_000L, 1e9))
            .secret();
    String revoked =
        engine.apiKeys().issue(ws, EnumSet.allOf(Scope.class), RateLimit.DEFAULT).secret();
    engine.apiKeys().revoke(ws, ApiKeySecrets.publicId(revoked));
    String unknown = ApiKeySecrets.generate();
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    kinds.put("valid key (baseline: a 404)", List.of(valid));
    kinds.put("unknown key", List.of(unknown));
    kinds.put("revoked key", List.of(revoked));
    kinds.put(
        "malformed key",
        List.of(
            unknown.substring(0, unknown.length() - 1) + (unknown.endsWith("A") ? "B" : "A"),
            "tl_live_short",
            "not-a-key-at-all",
            "x".repeat(2_000)));
    TouchlineApi api = new TouchlineApi(engine);
    String unknownBody = null;
    Map<String, double[]> results = new LinkedHashMap<>();
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
        long[] nanos = new long[REQUESTS];
        long callsBefore = calls == null ? 0 : calls.get();
        for (int i = 0; i < REQUESTS; i++) {
          String key = kind.getValue().get(i % kind.getValue().size());
          long t0 = System.nanoTime();
          ApiResponse r = api.handle(request(key));
          nanos[i] = System.nanoTime() - t0;
          String body = new String(r.body(), StandardCharsets.UTF_8);
          if (!kind.getKey().startsWith("valid")) {
            if (r.status() != 401) {
              throw new IllegalStateException(kind.getKey() + " answered " + r.status());
            }
            if (unknownBody == null) {
              unknownBody = body;
            } else if (!unknownBody.equals(body)) {
              throw new IllegalStateException(
                  kind.getKey() + " answered differently: " + body + " vs " + unknownBody);
            }
          }
        }
        Arrays.sort(nanos);
        double callsPer = calls == null ? 0 : (calls.get() - callsBefore) / (double) REQUESTS;
        results.put(
            kind.getKey(),
            new double[] {nanos[REQUESTS / 2] / 1e6, nanos[REQUESTS * 99 / 100] / 1e6, callsPer});
      }
    }
    double unknownMedian = results.get("unknown key")[0];
    System.out.printf(
        Locale.ROOT, "%n%s (%d requests each, GET /v1/contacts/{id}):%n", where, REQUESTS);
    System.out.println("| key | median ms | p99 ms | × unknown key | store calls |");
    System.out.println("|---|---:|---:|---:|---:|");
    results.forEach(
        (kind, r) ->
            System.out.printf(
                Locale.ROOT,
                "| %s | %.3f | %.3f | %.2f | %s |%n",
                kind,
                r[0],
                r[1],
                r[0] / unknownMedian,
                calls == null ? "-" : String.format(Locale.ROOT, "%.1f", r[2])));
    System.out.println("Every refusal: 401, the same body byte for byte.");
  }

  private static ApiRequest request(String key) {
    return new ApiRequest(
        "GET",
        "/v1/contacts/01J0000000000000000000000Z",
        Map.of(),
        Map.of("X-API-Key", key),
        new byte[0]);
  }
}
