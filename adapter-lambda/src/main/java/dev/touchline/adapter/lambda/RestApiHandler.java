package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.inject.Injector;
import dev.touchline.core.wire.TouchlineApi;

/** The public API behind an API Gateway REST API (proxy integration, payload 1.0). */
public final class RestApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final TouchlineApi api;

  public RestApiHandler() {
    this(Handlers.injector());
  }

  RestApiHandler(Injector injector) {
    this.api = injector.getInstance(TouchlineApi.class);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return ApiGatewayEvents.toRest(Handlers.answer(api, () -> ApiGatewayEvents.fromRest(event)));
  }
}
