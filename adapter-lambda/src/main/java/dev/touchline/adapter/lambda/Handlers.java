package dev.touchline.adapter.lambda;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.Documents;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.crac.Core;

/**
 * The injector of an execution environment, built once (outside any handler method) from the
 * environment, every singleton created at once ({@link Stage#PRODUCTION}) so the first invocation
 * finds them ready; and the answer to a request that could not even be read.
 */
final class Handlers {
  private static final Logger LOG = Logger.getLogger(Handlers.class.getName());
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
          Injector created =
              Guice.createInjector(Stage.PRODUCTION, new TouchlineLambdaModule(settings));
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
