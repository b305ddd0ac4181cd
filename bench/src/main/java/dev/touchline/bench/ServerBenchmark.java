package dev.touchline.bench;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real server on loopback, driven by one client thread over one kept-alive HTTP/1.1 connection:
 * {@code batch} posts the in-process benchmark's batches (events/s), {@code single} posts one event
 * per request and {@code echo} sends the same bodies to an endpoint that only answers them back
 * (requests/s). A fresh server per iteration, its contacts known beforehand.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServerBenchmark {
  private static final int BATCHES = 1500;
  private static final int SINGLES = 50_000;

  /** A running server and the request bodies it is sent. */
  @State(Scope.Benchmark)
  public static class Server {
    @Param({"memory"})
    public String store;

    @Param({"50"})
    public int rules;

    @Param({"10000"})
    public int contacts;

    List<byte[]> batches;
    List<byte[]> singles;
    final AtomicInteger nextBatch = new AtomicInteger();
    final AtomicInteger nextSingle = new AtomicInteger();

    private ApplicationContext context;
    private Path dataDir;
    CloseableHttpClient client;
    URI events;
    URI echo;
    String key;

    @Setup(Level.Trial)
    public void generate() {
      batches = Corpus.batches(BATCHES, IngestBenchmark.BATCH, contacts, 7);
      singles = Corpus.singles(SINGLES, contacts, 7);
      // One kept-alive connection per JMH thread (-t N runs N client connections at once).
      client =
          HttpClients.custom()
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setMaxConnPerRoute(64)
                      .setMaxConnTotal(64)
                      .build())
              .build();
    }

    @Setup(Level.Iteration)
    public void start() throws IOException {
      dataDir = Files.createTempDirectory("touchline-bench");
      context =
          ApplicationContext.builder()
              .properties(
                  Map.of(
                      "micronaut.server.port",
                      -1,
                      "micronaut.server.host",
                      "127.0.0.1",
                      "touchline.store",
                      store,
                      "touchline.data-dir",
                      dataDir.toString(),
                      "touchline.bootstrap-key",
                      ApiKeySecrets.generate(), // nothing printed
                      "logger.levels.dev.touchline",
                      "WARN",
                      "logger.levels.io.micronaut",
                      "WARN"))
              .start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      Touchline engine = context.getBean(Touchline.class);
      key = Corpus.prepareWorkspace(engine, rules, contacts);
      events = URI.create("http://127.0.0.1:" + server.getPort() + "/v1/events");
      echo = URI.create("http://127.0.0.1:" + server.getPort() + "/bench/echo");
      nextBatch.set(0);
      nextSingle.set(0);
    }

    @TearDown(Level.Trial)
    public void closeClient() throws IOException {
      client.close();
    }

    @TearDown(Level.Iteration)
    public void stop() throws IOException {
      context.close();
      try (Stream<Path> files = Files.walk(dataDir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }

    Response post(URI uri, byte[] body) {
      HttpPost post = new HttpPost(uri);
      post.setHeader("X-API-Key", key);
      post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
      try {
        return client.execute(
            post, r -> new Response(r.getCode(), EntityUtils.toByteArray(r.getEntity())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] nextBatch() {
      return batches.get(Math.floorMod(nextBatch.getAndIncrement(), batches.size()));
    }

    byte[] nextSingle() {
      return singles.get(Math.floorMod(nextSingle.getAndIncrement(), singles.size()));
    }
  }

  /** A response's status and body. */
  record Response(int status, byte[] body) {}

  private static Response expect(Response response, int... statuses) {
    for (int status : statuses) {
      if (response.status() == status) {
        return response;
      }
    }
    throw new IllegalStateException(
        "benchmark request failed: "
            + response.status()
            + " "
            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Benchmark
  @OperationsPerInvocation(IngestBenchmark.BATCH)
  public Response batch(Server server) {
    return expect(server.post(server.events, server.nextBatch()), 200);
  }

  @Benchmark
  public Response single(Server server) {
    return expect(server.post(server.events, server.nextSingle()), 200, 201);
  }

  @Benchmark
  public Response echo(Server server) {
    return expect(server.post(server.echo, server.nextSingle()), 200);
  }
}
