package dev.touchline.adapter.lambda;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.Documents;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.crac.Core;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The injector of an execution environment, built once (outside any handler method) from the
 * environment, every singleton created at once ({@link Stage#PRODUCTION}) so the first invocation
 * finds them ready; and the answer to a request that could not even be read.
 */
final class Handlers {
  private static final Logger LOG = Logger.getLogger(Handlers.class.getName());

  /**
   * The JDK's HTTP client, which the AWS SDK's url-connection client runs on, logs every request's
   * headers at {@code FINE}: the signature, and the session token of the function's temporary
   * credentials. Held at {@code INFO} whatever the root level, from the first handler class loaded
   * on (kept here: JUL holds its loggers only weakly, and a collected logger forgets its level).
   */
  static final Logger JDK_HTTP = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

  static {
    JDK_HTTP.setLevel(java.util.logging.Level.INFO);
  }

  private static volatile Injector injector;

  /**
   * The priming hook, held here: the CRaC context keeps its resources only weakly, so one not
   * referenced elsewhere would be collected before the snapshot.
   */
  @SuppressWarnings({"unused", "FieldCanBeLocal"})
  private static Priming priming;

  private Handlers() {}

  static Injector injector() {
    Injector i = injector;
    if (i == null) {
      synchronized (Handlers.class) {
        if (injector == null) {
          LambdaSettings settings = LambdaSettings.from(System.getenv());
          Injector created = create(settings);
          if (settings.priming()) {
            priming = created.getInstance(Priming.class);
            Core.getGlobalContext().register(priming);
          }
          injector = created;
        }
        i = injector;
      }
    }
    return i;
  }

  /**
   * The injector, its slowest parts overlapped on two more threads while this one creates the
   * injector: the DynamoDB client is built (then its request path warmed by one read of an item
   * that never exists: class loading, request signing, the HTTP connection), and the table schemas
   * are built. The engine's provider waits for the client, not for the read.
   */
  private static Injector create(LambdaSettings settings) {
    long start = System.nanoTime();
    ExecutorService init =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "touchline-init");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletableFuture<DynamoDbClient> client =
          CompletableFuture.supplyAsync(() -> TouchlineLambdaModule.dynamoDbClient(settings), init);
      client.thenAcceptAsync(c -> warm(c, settings.table()), init);
      CompletableFuture.runAsync(DynamoDbStorage::prepareSchemas, init);
      TouchlineLambdaModule module = new TouchlineLambdaModule(settings, () -> join(client));
      Injector created = Guice.createInjector(Stage.PRODUCTION, module);
      LOG.info(
          "Touchline ready: injector built in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms ("
              + module.timings()
              + ")");
      return created;
    } finally {
      init.shutdown();
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** One read of a key no item has; a failure here is left for the first request to report. */
  private static void warm(DynamoDbClient client, String table) {
    try {
      client.getItem(
          b ->
              b.tableName(table)
                  .key(
                      Map.of(
                          "PK", AttributeValue.fromS("#warm-up"),
                          "SK", AttributeValue.fromS("#warm-up"))));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "the warm-up read failed", e);
    }
  }

  /** The API's answer to the request the event carries, or the error that reading it raised. */
  static ApiResponse answer(TouchlineApi api, Supplier<ApiRequest> request) {
    ApiRequest r;
    try {
      r = request.get();
    } catch (TouchlineException e) {
      return new ApiResponse(
          e.code().httpStatus(),
          Map.of("Content-Type", "application/json"),
          Documents.error(e.code(), e.getMessage(), e.field())
              .toString()
              .getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an API Gateway event could not be read", e);
      return new ApiResponse(
          500,
          Map.of("Content-Type", "application/json"),
          Documents.error(
                  ErrorCode.INTERNAL_ERROR,
                  "internal error; the request may be retried",
                  java.util.Optional.empty())
              .toString()
              .getBytes(StandardCharsets.UTF_8));
    }
    return api.handle(r);
  }
}
