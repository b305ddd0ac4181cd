package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.google.inject.Inject;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.wire.EventRequestDecoder;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.crac.Context;
import org.crac.Resource;

/**
 * The SnapStart priming step: before the snapshot, the code paths of a request run once so the
 * restored function finds them loaded and linked — both API Gateway event shapes read and answered,
 * an event batch decoded, and the key lookup made on the table (with a key that exists nowhere, so
 * the store sees one read and no write). Nothing it creates outlives it: a primed snapshot holds no
 * id, key or random state that restored copies would share.
 */
final class Priming implements Resource {
  private static final Logger LOG = Logger.getLogger(Priming.class.getName());
  private static final String BATCH =
      "{\"events\":[{\"event\":\"signup\",\"email\":\"primer@example.com\","
          + "\"properties\":{\"plan\":\"pro\"},\"timestamp\":\"2026-01-01T00:00:00Z\"},"
          + "{\"event\":\"purchase\",\"phone\":\"+14155550100\","
          + "\"properties\":{\"orderId\":\"o-1\",\"amount\":12.5}}]}";

  private final TouchlineApi api;
  private final Touchline engine;

  @Inject
  Priming(TouchlineApi api, Touchline engine) {
    this.api = api;
    this.engine = engine;
  }

  /**
   * Runs the requests and returns the statuses answered (each 401: the key is unknown).
   *
   * @throws IllegalStateException when the sample batch no longer decodes into valid events
   */
  List<Integer> prime() {
    IngestCommand decoded =
        new EventRequestDecoder(engine.limits())
            .decode(BATCH.getBytes(StandardCharsets.UTF_8), Optional.empty());
    if (!decoded.items().stream().allMatch(IngestItem.Valid.class::isInstance)) {
      throw new IllegalStateException("the priming batch no longer decodes: " + decoded.items());
    }
    String unknownKey = ApiKeySecrets.generate();

    APIGatewayV2HTTPEvent http = new APIGatewayV2HTTPEvent();
    http.setRawPath("/v1/events");
    http.setHeaders(Map.of("content-type", "application/json", "x-api-key", unknownKey));
    http.setBody(BATCH);
    http.setRequestContext(
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withStage("$default")
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
            .build());
    int httpStatus =
        ApiGatewayEvents.toHttp(api.handle(ApiGatewayEvents.fromHttp(http))).getStatusCode();

    APIGatewayProxyRequestEvent rest = new APIGatewayProxyRequestEvent();
    rest.setHttpMethod("GET");
    rest.setPath("/v1/contacts/c-primer");
    rest.setHeaders(Map.of("Authorization", "Bearer " + unknownKey));
    rest.setIsBase64Encoded(true);
    rest.setBody(Base64.getEncoder().encodeToString(new byte[0]));
    int restStatus =
        ApiGatewayEvents.toRest(api.handle(ApiGatewayEvents.fromRest(rest))).getStatusCode();
    return List.of(httpStatus, restStatus);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      LOG.info("primed before the snapshot: answered " + prime());
    } catch (RuntimeException e) {
      // a snapshot without priming is slower to warm, never wrong
      LOG.log(Level.WARNING, "priming failed; the snapshot is taken unprimed", e);
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to renew: no unique state was created before the snapshot
  }
}
