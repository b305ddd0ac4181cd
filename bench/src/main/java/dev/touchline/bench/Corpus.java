package dev.touchline.bench;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * A generated, reproducible workload: batches of ~1 KB events (10% identify, 5% resent messageIds,
 * the rest page views, purchases, email opens and clicks, signups) over a population of contacts,
 * and a workspace configuration with a chosen number of rules and 10 segments.
 */
public final class Corpus {
  static final String[] TYPES = {
    "page_viewed",
    "page_viewed",
    "page_viewed",
    "purchase",
    "email_opened",
    "email_clicked",
    "signup",
    "feature_used",
    "trial_started",
    "demo_requested"
  };

  /** The event types rules are written for: every generated type, identify, segment entries. */
  static final String[] RULE_TYPES =
      java.util.stream.Stream.concat(
              java.util.Arrays.stream(TYPES).distinct(),
              java.util.stream.Stream.of("identify", "segment.entered"))
          .toArray(String[]::new);

  private Corpus() {}

  /** Email of contact {@code n}. */
  static String email(int n) {
    return "user" + n + "@bench.example";
  }

  /** {@code batches} request bodies of {@code batchSize} events each. */
  static List<byte[]> batches(int batches, int batchSize, int contacts, long seed) {
    List<String> events = events(batches * batchSize, contacts, seed);
    List<byte[]> out = new ArrayList<>(batches);
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder(batchSize * 1100).append("{\"events\":[");
      for (int i = 0; i < batchSize; i++) {
        if (i > 0) {
          body.append(',');
        }
        body.append(events.get(b * batchSize + i));
      }
      out.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** {@code count} single-event request bodies, the same mix as the batches. */
  static List<byte[]> singles(int count, int contacts, long seed) {
    return events(count, contacts, seed).stream()
        .map(e -> e.getBytes(StandardCharsets.UTF_8))
        .toList();
  }

  /** The events of the corpus, in order: 10% identify, 5% resends of an earlier event. */
  private static List<String> events(int count, int contacts, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    List<String> sent = new ArrayList<>();
    String padding = "lorem ipsum dolor sit amet ".repeat(25);
    int serial = 0;
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(100);
      if (roll < 5 && !sent.isEmpty()) {
        out.add(sent.get(random.nextInt(sent.size()))); // a resend: same messageId, same payload
        continue;
      }
      String event =
          event(
              random,
              roll < 15 ? "identify" : TYPES[random.nextInt(TYPES.length)],
              random.nextInt(contacts),
              serial++,
              padding);
      if (sent.size() < 10_000) {
        sent.add(event);
      } else {
        sent.set(random.nextInt(sent.size()), event);
      }
      out.add(event);
    }
    return out;
  }

  private static String event(Random random, String type, int contact, int serial, String padding) {
    StringBuilder e = new StringBuilder(1100);
    e.append("{\"event\":\"")
        .append(type)
        .append("\",\"email\":\"")
        .append(email(contact))
        .append('"');
    e.append(",\"messageId\":\"bench-").append(serial).append('"');
    e.append(",\"properties\":{");
    switch (type) {
      case "identify" ->
          e.append("\"plan\":\"")
              .append(random.nextBoolean() ? "pro" : "trial")
              .append("\",\"company\":\"Acme ")
              .append(random.nextInt(500))
              .append("\",\"seats\":")
              .append(1 + random.nextInt(50))
              .append(",\"country\":\"")
              .append(random.nextBoolean() ? "FR" : "US")
              .append('"');
      case "purchase" ->
          e.append("\"orderId\":\"o-")
              .append(serial)
              .append("\",\"amount\":")
              .append(random.nextInt(1000))
              .append('.')
              .append(random.nextInt(100))
              .append(",\"currency\":\"EUR\",\"items\":[\"sku-")
              .append(random.nextInt(50))
              .append("\",\"sku-")
              .append(random.nextInt(50))
              .append("\"]");
      case "email_opened", "email_clicked" ->
          e.append("\"campaign\":\"c-").append(random.nextInt(20)).append('"');
      default ->
          e.append("\"path\":\"/")
              .append(random.nextBoolean() ? "pricing" : "docs/page-" + random.nextInt(100))
              .append("\",\"durationMs\":")
              .append(random.nextInt(60_000));
    }
    e.append(",\"note\":\"").append(padding, 0, 400 + random.nextInt(200)).append("\"}");
    e.append(",\"timestamp\":\"2026-03-01T11:")
        .append(String.format("%02d", random.nextInt(60)))
        .append(":00Z\"");
    e.append(",\"context\":{\"sessionId\":\"s-")
        .append(random.nextInt(1_000_000))
        .append("\",\"pageUrl\":\"https://app.example.com/dashboard/")
        .append(random.nextInt(1000))
        .append(
            "\",\"referrer\":\"https://www.google.com/\",\"utmSource\":\"newsletter\",\"utmMedium\":\"email\"")
        .append(",\"utmCampaign\":\"spring-")
        .append(random.nextInt(10))
        .append(
            "\",\"userAgent\":\"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15\"")
        .append(",\"ip\":\"203.0.113.")
        .append(random.nextInt(255))
        .append("\"}}");
    return e.toString();
  }

  /**
   * Prepares workspace {@code bench} in {@code engine} as every benchmark starts it: the
   * configuration with {@code rules} rules, contacts {@code 0..contacts-1} known, and a key with
   * every scope and no practical rate limit. Returns the key.
   */
  static String prepareWorkspace(Touchline engine, int rules, int contacts) {
    WorkspaceId ws = new WorkspaceId("bench");
    Caller admin = Caller.trusted(ws);
    engine.workspaceConfig().replace(admin, config(rules));
    List<EventInput> known = new ArrayList<>(500);
    for (int n = 0; n < contacts; n++) {
      known.add(EventInput.of("signup", "email", email(n)));
      if (known.size() == 500 || n == contacts - 1) {
        engine.ingest().ingest(admin, IngestCommand.ofAll(known));
        known.clear();
      }
    }
    return engine
        .apiKeys()
        .issue(ws, EnumSet.allOf(Scope.class), new RateLimit(1_000_000_000L, 1e9))
        .secret();
  }

  /** A configuration with {@code rules} rules spread over the event types, and 10 segments. */
  static String config(int rules) {
    StringBuilder c = new StringBuilder("{\"segments\":[");
    for (int s = 0; s < 10; s++) {
      if (s > 0) {
        c.append(',');
      }
      c.append(
          switch (s % 5) {
            case 0 ->
                "{\"id\":\"seg" + s + "\",\"condition\":{\"scoreAtLeast\":" + (20 + s * 10) + "}}";
            case 1 -> "{\"id\":\"seg" + s + "\",\"condition\":{\"hasTag\":\"tag" + s + "\"}}";
            case 2 ->
                "{\"id\":\"seg"
                    + s
                    + "\",\"condition\":{\"eventCount\":{\"event\":\"purchase\",\"atLeast\":"
                    + s
                    + "}}}";
            case 3 ->
                "{\"id\":\"seg"
                    + s
                    + "\",\"condition\":{\"didWithin\":{\"event\":\"page_viewed\",\"within\":\"P7D\"}}}";
            default ->
                "{\"id\":\"seg" + s + "\",\"condition\":{\"attribute\":\"plan\",\"eq\":\"pro\"}}";
          });
    }
    c.append("],\"rules\":[");
    String[] types = RULE_TYPES;
    for (int r = 0; r < rules; r++) {
      if (r > 0) {
        c.append(',');
      }
      String type = types[r % types.length];
      c.append("{\"id\":\"r")
          .append(r)
          .append("\",\"when\":{\"event\":\"")
          .append(type)
          .append('"');
      if (type.equals("purchase")) {
        c.append(",\"where\":{\"property\":\"amount\",\"gte\":").append(r * 7 % 900).append('}');
      } else if (type.equals("page_viewed")) {
        c.append(",\"where\":{\"property\":\"path\",\"eq\":\"/pricing\"}");
      } else if (type.equals("segment.entered")) {
        c.append(",\"where\":{\"property\":\"segment\",\"eq\":\"seg").append(r % 10).append("\"}");
      }
      c.append("}");
      if (r % 3 == 0) {
        c.append(",\"if\":{\"not\":{\"hasTag\":\"tag").append(r % 10).append("\"}}");
      }
      c.append(",\"then\":[{\"addTag\":\"tag")
          .append(r % 10)
          .append("\"},{\"score\":{\"points\":")
          .append(1 + r % 5)
          .append(r % 4 == 0 ? ",\"cooldown\":\"PT1H\"" : "")
          .append("}}");
      if (r % 10 == 9) {
        c.append(",{\"trigger\":\"wf-").append(r).append("\"}");
      }
      c.append("]}");
    }
    return c.append("]}").toString();
  }
}
