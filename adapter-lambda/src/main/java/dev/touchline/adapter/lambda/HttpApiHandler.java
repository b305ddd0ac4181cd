package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.inject.Injector;
import dev.touchline.core.wire.TouchlineApi;

/** The public API behind an API Gateway HTTP API (payload 2.0). */
public final class HttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final TouchlineApi api;

  public HttpApiHandler() {
    this(Handlers.injector());
  }

  HttpApiHandler(Injector injector) {
    this.api = injector.getInstance(TouchlineApi.class);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return ApiGatewayEvents.toHttp(Handlers.answer(api, () -> ApiGatewayEvents.fromHttp(event)));
  }
}
