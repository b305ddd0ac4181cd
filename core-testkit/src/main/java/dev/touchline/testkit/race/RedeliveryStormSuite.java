package dev.touchline.testkit.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A redelivery storm through a runtime's own front door: thousands of events, each delivered one to
 * five times, shuffled into batches sent from eight threads at once (copies of one event in flight
 * together), then every contact read back through the API: each event stored once, each effect
 * applied once, nothing lost. Each runtime extends it and supplies only {@link #target()}.
 */
public abstract class RedeliveryStormSuite {
  private static final Logger LOG = Logger.getLogger(RedeliveryStormSuite.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 8;
  private static final int BATCH = 100;

  private static final String CONFIG =
      "{\"rules\":["
          + "{\"id\":\"buyer\",\"when\":{\"event\":\"purchase\"},\"then\":[{\"addTag\":\"buyer\"},{\"score\":10}]},"
          + "{\"id\":\"reader\",\"when\":{\"event\":\"page_viewed\"},\"then\":[{\"score\":1}]},"
          + "{\"id\":\"joined\",\"when\":{\"event\":\"signup\"},\"then\":[{\"addTag\":\"member\"}]}]}";

  /** The runtime under test (closed after the test). */
  protected abstract ScenarioTarget target();

  /** How many distinct events the storm carries. */
  protected int events() {
    return 10_000;
  }

  private record Planned(String email, String type, String messageId) {}

  @Test
  void everyEventDeliveredOneToFiveTimes_isAppliedExactlyOnce() throws Exception {
    try (ScenarioTarget target = target()) {
      WorkspaceId ws = new WorkspaceId("redeliver-" + UUID.randomUUID().toString().substring(0, 8));
      String key =
          target.registerKey(ws, EnumSet.allOf(Scope.class), new RateLimit(100_000, 10_000));
      assertThat(send(target, key, "PUT", "/v1/workspace/config", Map.of(), CONFIG).status())
          .isEqualTo(200);

      Random random = new Random(11);
      int people = Math.max(1, events() / 25);
      String[] types = {"signup", "purchase", "page_viewed", "page_viewed"};
      List<Planned> distinct = new ArrayList<>();
      for (int i = 0; i < events(); i++) {
        distinct.add(
            new Planned(
                "p" + random.nextInt(people) + "@redeliver.example",
                types[random.nextInt(types.length)],
                "rd-" + i));
      }
      List<Planned> deliveries = new ArrayList<>();
      for (Planned p : distinct) {
        for (int copies = 1 + random.nextInt(5); copies > 0; copies--) {
          deliveries.add(p);
        }
      }
      Collections.shuffle(deliveries, random);
      ConcurrentLinkedQueue<List<Planned>> batches = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < deliveries.size(); i += BATCH) {
        batches.add(deliveries.subList(i, Math.min(deliveries.size(), i + BATCH)));
      }

      Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Planned> batch;
                  while ((batch = batches.poll()) != null) {
                    ApiResponse r = send(target, key, "POST", "/v1/events", Map.of(), body(batch));
                    assertThat(r.status()).as(r.bodyText()).isIn(200, 202);
                    for (JsonNode result : json(r).path("results")) {
                      String outcome =
                          result.has("error")
                              ? result.path("error").path("code").asText()
                              : result.path("status").asText();
                      outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info(
          String.format(
              java.util.Locale.ROOT,
              "redelivery storm: %d events in %d deliveries, %d batches of up to %d on %d threads,"
                  + " in %.1f s; outcomes %s",
              distinct.size(),
              deliveries.size(),
              (deliveries.size() + BATCH - 1) / BATCH,
              BATCH,
              THREADS,
              seconds,
              outcomes));
      assertThat(outcomes.keySet())
          .as("no delivery refused")
          .isSubsetOf("accepted", "duplicate", "received");

      Map<String, List<Planned>> byPerson = new HashMap<>();
      distinct.forEach(p -> byPerson.computeIfAbsent(p.email(), k -> new ArrayList<>()).add(p));
      int stored = 0;
      for (Map.Entry<String, List<Planned>> person : byPerson.entrySet()) {
        JsonNode contact =
            json(send(target, key, "GET", "/v1/contacts", Map.of("email", person.getKey()), null));
        long purchases =
            person.getValue().stream().filter(p -> p.type().equals("purchase")).count();
        long views = person.getValue().stream().filter(p -> p.type().equals("page_viewed")).count();
        long signups = person.getValue().stream().filter(p -> p.type().equals("signup")).count();
        assertThat(contact.path("score").asLong())
            .as("score of " + person.getKey())
            .isEqualTo(10 * purchases + views);
        assertThat(contact.path("eventStats").path("purchase").path("count").asLong())
            .isEqualTo(purchases);
        assertThat(contact.path("eventStats").path("signup").path("count").asLong())
            .isEqualTo(signups);
        Set<String> tags = new TreeSet<>();
        contact.path("tags").forEach(t -> tags.add(t.asText()));
        Set<String> expectedTags = new TreeSet<>();
        if (purchases > 0) {
          expectedTags.add("buyer");
        }
        if (signups > 0) {
          expectedTags.add("member");
        }
        assertThat(tags).as("tags of " + person.getKey()).isEqualTo(expectedTags);
        Set<String> messageIds = new HashSet<>();
        for (JsonNode e : timeline(target, key, contact.path("id").asText())) {
          assertThat(messageIds.add(e.path("messageId").asText()))
              .as("%s once in %s's timeline", e.path("messageId").asText(), person.getKey())
              .isTrue();
        }
        Set<String> planned = new HashSet<>();
        person.getValue().forEach(p -> planned.add(p.messageId()));
        assertThat(messageIds).as("the timeline of " + person.getKey()).isEqualTo(planned);
        stored += messageIds.size();
      }
      assertThat(stored).as("every event stored once").isEqualTo(distinct.size());
    }
  }

  private static List<JsonNode> timeline(ScenarioTarget target, String key, String contactId) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    while (true) {
      Map<String, String> q = new HashMap<>(Map.of("contactId", contactId, "limit", "200"));
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      JsonNode page = json(send(target, key, "GET", "/v1/events", q, null));
      page.path("data").forEach(all::add);
      if (page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode()) {
        return all;
      }
      cursor = page.path("nextCursor").asText();
    }
  }

  private static String body(List<Planned> batch) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode events = root.putArray("events");
    for (Planned p : batch) {
      ObjectNode e = events.addObject();
      e.put("event", p.type());
      e.put("email", p.email());
      e.put("messageId", p.messageId());
    }
    return root.toString();
  }

  private static ApiResponse send(
      ScenarioTarget target,
      String key,
      String method,
      String path,
      Map<String, String> query,
      String body) {
    Map<String, List<String>> q = new HashMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return target.send(
        new ApiRequest(
            method,
            path,
            q,
            Map.of("X-API-Key", key, "Content-Type", "application/json"),
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(ApiResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.bodyText(), e);
    }
  }
}
