package dev.touchline.bench;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.adapter.sqs.SqsConsumer;
import dev.touchline.adapter.sqs.SqsConsumerSettings;
import dev.touchline.adapter.sqs.SqsEventPublisher;
import dev.touchline.adapter.sqs.SqsEventQueue;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryIncomingLog;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The events queue: ElasticMQ in process (benchmark code), the corpus's events put on a queue as
 * envelopes (one event per message, and batches of 10), then read by the consumer (4 pollers) into
 * the engine on the memory store and on DynamoDB Local (in process): messages/s, events/s and the
 * consumer's SQS calls per message (counted by an SDK interceptor). Then the asynchronous path:
 * 1,000 single-event requests through {@code TouchlineApi} in asynchronous mode at about 100 a
 * second, and the time from each request's answer to its incoming entry becoming {@code processed}
 * (p50/p99).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.touchline.bench.QueueBenchmark
 * </pre>
 */
public final class QueueBenchmark {
  private static final int CONTACTS = 1000;
  private static final AtomicLong CALLS = new AtomicLong();
  private static final Pattern INCOMING_ID = Pattern.compile("\"incomingId\":\"([^\"]+)\"");

  private QueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    SqsClient sqs =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.of("elasticmq"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .overrideConfiguration(CallCounter.countingInto(CALLS))
            .build();
    System.setProperty("ddb.local.telemetry", "false");
    AmazonDynamoDBLocal dynamo = DynamoDBEmbedded.create();
    List<String> lines = new ArrayList<>();
    try {
      Map<String, Function<Clock, Touchline.Builder>> stores =
          Map.of(
              "memory",
              clock -> Touchline.builder(),
              "DynamoDB Local",
              clock -> {
                DynamoDbStore store =
                    new DynamoDbStore(dynamo.dynamoDbClient(), "queue-" + UUID.randomUUID());
                store.createTableIfMissing(false);
                return DynamoDbStorage.on(store, clock).configure(Touchline.builder());
              });
      for (String store : List.of("memory", "DynamoDB Local")) {
        for (int perMessage : new int[] {1, 10}) {
          int messages =
              store.equals("memory") ? 4000 / perMessage * (perMessage == 1 ? 1 : 2) : 1000;
          lines.add(consume(sqs, stores.get(store), store, messages, perMessage));
        }
      }
      lines.add(asynchronous(sqs));
    } finally {
      dynamo.shutdownNow();
      sqs.close();
      server.stopAndWait();
    }
    System.out.println();
    System.out.println(
        "Touchline's events queue on ElasticMQ (in process), consumer with 4 pollers");
    lines.forEach(System.out::println);
    System.exit(0);
  }

  private static String consume(
      SqsClient sqs,
      Function<Clock, Touchline.Builder> storage,
      String store,
      int messages,
      int perMessage) {
    WorkspaceId ws = new WorkspaceId("bench");
    try (Touchline engine = storage.apply(Clock.systemUTC()).build()) {
      Corpus.prepareWorkspace(engine, 50, CONTACTS);
      String queue = sqs.createQueue(b -> b.queueName("q-" + UUID.randomUUID())).queueUrl();
      SqsEventPublisher publisher =
          new SqsEventPublisher(sqs, queue, 256 * 1024, Clock.systemUTC());
      List<byte[]> events = Corpus.singles(messages * perMessage, CONTACTS, 7);
      for (int m = 0; m < messages; m++) {
        StringBuilder body = new StringBuilder(perMessage == 1 ? "" : "{\"events\":[");
        for (int e = 0; e < perMessage; e++) {
          body.append(e == 0 ? "" : ",")
              .append(new String(events.get(m * perMessage + e), StandardCharsets.UTF_8));
        }
        if (perMessage > 1) {
          body.append("]}");
        }
        publisher.publish(ws, body.toString());
      }
      SqsConsumer consumer =
          new SqsConsumer(
              sqs,
              engine,
              SqsConsumerSettings.builder(queue, ws)
                  .pollers(4)
                  .waitTime(Duration.ofSeconds(1))
                  .visibilityTimeout(Duration.ofSeconds(60))
                  .build());
      long before = CALLS.get();
      long start = System.nanoTime();
      consumer.start();
      while (consumer.stats().done() + consumer.stats().poison() < messages) {
        sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long calls = consumer.stats().apiCalls();
      consumer.close();
      return String.format(
          Locale.ROOT,
          "%-15s %2d event(s) per message: %6d messages in %5.1f s = %7.0f messages/s, %7.0f events/s;"
              + " %.3f SQS calls per message (%d calls, %d received)",
          store,
          perMessage,
          messages,
          seconds,
          messages / seconds,
          messages * perMessage / seconds,
          (double) calls / messages,
          calls,
          consumer.stats().received());
    }
  }

  /** The asynchronous path: answer to processed, per request. */
  private static String asynchronous(SqsClient sqs) throws InterruptedException {
    WorkspaceId ws = new WorkspaceId("bench");
    String queue = sqs.createQueue(b -> b.queueName("async-" + UUID.randomUUID())).queueUrl();
    InMemoryIncomingLog incoming = new InMemoryIncomingLog();
    try (Touchline engine =
        Touchline.builder()
            .incomingLog(incoming)
            .eventQueue(
                new SqsEventQueue(new SqsEventPublisher(sqs, queue, 256 * 1024, Clock.systemUTC())))
            .build()) {
      String key = Corpus.prepareWorkspace(engine, 50, CONTACTS);
      TouchlineApi api = new TouchlineApi(engine, true);
      SqsConsumer consumer =
          new SqsConsumer(
              sqs,
              engine,
              SqsConsumerSettings.builder(queue, ws)
                  .pollers(4)
                  .waitTime(Duration.ofSeconds(20))
                  .build());
      consumer.start();
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      Map<String, Long> doneAt = new ConcurrentHashMap<>();
      Thread watcher =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  for (Map.Entry<String, Long> e : sentAt.entrySet()) {
                    if (!doneAt.containsKey(e.getKey())
                        && incoming
                            .findById(ws, e.getKey())
                            .map(IncomingEntry::status)
                            .filter(s -> s == IncomingStatus.PROCESSED)
                            .isPresent()) {
                      doneAt.put(e.getKey(), System.nanoTime());
                    }
                  }
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException stop) {
                    return;
                  }
                }
              });
      watcher.start();
      List<byte[]> events = Corpus.singles(1000, CONTACTS, 11);
      Map<String, String> headers = Map.of("X-API-Key", key, "Content-Type", "application/json");
      for (byte[] event : events) {
        ApiResponse r = api.handle(new ApiRequest("POST", "/v1/events", Map.of(), headers, event));
        long now = System.nanoTime();
        Matcher m = INCOMING_ID.matcher(r.bodyText());
        if (r.status() == 202 && m.find()) {
          sentAt.put(m.group(1), now);
        }
        sleep(10);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (doneAt.size() < sentAt.size() && System.nanoTime() < deadline) {
        sleep(5);
      }
      watcher.interrupt();
      watcher.join();
      consumer.close();
      Map<String, Long> others = new java.util.TreeMap<>();
      for (String id : sentAt.keySet()) {
        if (!doneAt.containsKey(id)) {
          others.merge(
              incoming.findById(ws, id).map(e -> e.status().wireName()).orElse("missing"),
              1L,
              Long::sum);
        }
      }
      double[] millis =
          doneAt.entrySet().stream()
              .mapToDouble(e -> (e.getValue() - sentAt.get(e.getKey())) / 1e6)
              .sorted()
              .toArray();
      return String.format(
          Locale.ROOT,
          "asynchronous path, memory store: %d of %d requests processed (the others: %s); answer to"
              + " processed p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          millis.length,
          sentAt.size(),
          others,
          percentile(millis, 50),
          percentile(millis, 99),
          millis.length == 0 ? 0 : millis[millis.length - 1]);
    }
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
