package dev.touchline.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Lambda Runtime API on loopback, enough for AWS's runtime interface client to run a
 * function in a child JVM: it hands out queued invocations on {@code GET
 * /2018-06-01/runtime/invocation/next} with the headers the client requires ({@code Content-Type}
 * and the {@code Lambda-Runtime-*} ones; without {@code Content-Type} the client's native code
 * crashes), and takes the answers on {@code .../{id}/response}, {@code .../{id}/error} and {@code
 * /runtime/init/error}. Point the child at it with {@code AWS_LAMBDA_RUNTIME_API=}{@link
 * #address()}.
 */
public final class FakeRuntimeApi implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime/";
  private static final Pending CLOSED = new Pending("closed", "");

  /** What the function answered to one invocation. */
  public record Invocation(String requestId, boolean error, String body, long answeredAtNanos) {}

  private record Pending(String requestId, String event) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Invocation>> answers = new ConcurrentHashMap<>();
  private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong();

  public FakeRuntimeApi() {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per exchange, which would swamp the function's own time.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on loopback", e);
    }
    server.setExecutor(threads);
    server.createContext(BASE, this::route);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Queues an invocation and waits for the function's answer.
   *
   * @throws AssertionError when no answer comes in time, or the function failed to start
   */
  public Invocation invoke(String event, Duration timeout) {
    String id = "req-" + ids.incrementAndGet();
    CompletableFuture<Invocation> answer = new CompletableFuture<>();
    answers.put(id, answer);
    queue.add(new Pending(id, event));
    try {
      return CompletableFuture.anyOf(answer, initError)
          .thenApply(
              r -> {
                if (r instanceof String error) {
                  throw new AssertionError("the function failed to start: " + error);
                }
                return (Invocation) r;
              })
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer to " + id + " within " + timeout);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** When the runtime first asked for work ({@link System#nanoTime()}): the end of its init. */
  public Optional<Long> firstPollNanos() {
    return Optional.ofNullable(firstPoll.getNow(null));
  }

  /** The error the function reported at init, if it did. */
  public Optional<String> initError() {
    return Optional.ofNullable(initError.getNow(null));
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(BASE.length());
      byte[] body = readAll(exchange.getRequestBody());
      if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
        next(exchange);
      } else if (path.equals("init/error")) {
        initError.complete(new String(body, StandardCharsets.UTF_8));
        answer(exchange, 202, "{\"status\":\"OK\"}");
      } else if (path.startsWith("invocation/")
          && (path.endsWith("/response") || path.endsWith("/error"))) {
        String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
        CompletableFuture<Invocation> answer = answers.remove(id);
        if (answer == null) {
          answer(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
          return;
        }
        answer.complete(
            new Invocation(
                id,
                path.endsWith("/error"),
                new String(body, StandardCharsets.UTF_8),
                System.nanoTime()));
        answer(exchange, 202, "{\"status\":\"OK\"}");
      } else {
        answer(exchange, 404, "{\"errorMessage\":\"no such route\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    firstPoll.complete(System.nanoTime());
    Pending p;
    try {
      p = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (p == CLOSED) {
      queue.add(CLOSED); // for the next poller
      answer(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", p.requestId());
    exchange
        .getResponseHeaders()
        .set(
            "Lambda-Runtime-Deadline-Ms",
            Long.toString(System.currentTimeMillis() + Duration.ofMinutes(1).toMillis()));
    exchange
        .getResponseHeaders()
        .set(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:eu-west-1:123456789012:function:touchline");
    exchange
        .getResponseHeaders()
        .set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    answer(exchange, 200, p.event());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    queue.add(CLOSED);
    server.stop(0);
    threads.shutdownNow();
  }
}
