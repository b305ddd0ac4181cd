package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.touchline.core.Touchline;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.testkit.scenario.EngineTarget;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The conformance scenarios through the Lambda handlers, wired by {@link TouchlineLambdaModule}
 * (only the store client, the clock and the trigger sink replaced): each request becomes an API
 * Gateway event, alternately an HTTP API event (payload 2.0, raw query string, lower-case header
 * names) and a REST API proxy event (payload 1.0, multi-value headers and query parameters, the
 * stage left in front of the path), every other one with a base64-encoded body; the handler's
 * answer is read back from the response event.
 */
final class LambdaTarget extends EngineTarget {
  private final Touchline engine;
  private final HttpApiHandler http;
  private final RestApiHandler rest;
  private int sent;

  LambdaTarget(DynamoDbClient dynamoDb, String table) {
    LambdaSettings settings =
        LambdaSettings.from(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "TOUCHLINE_DYNAMODB_TABLE", table,
                "TOUCHLINE_CONFIG_REFRESH", "0"));
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            Modules.override(new TouchlineLambdaModule(settings))
                .with(
                    b -> {
                      b.bind(DynamoDbClient.class).toInstance(dynamoDb);
                      b.bind(Clock.class).toInstance(clock);
                      b.bind(TriggerSink.class).toInstance(sink);
                    }));
    this.engine = injector.getInstance(Touchline.class);
    this.http = new HttpApiHandler(injector);
    this.rest = new RestApiHandler(injector);
  }

  @Override
  protected Touchline engine() {
    return engine;
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    int n = sent++;
    boolean base64 = n % 4 >= 2 || !isText(request.body());
    return n % 2 == 0 ? viaHttpApi(request, base64) : viaRestApi(request, base64);
  }

  private ApiResponse viaHttpApi(ApiRequest request, boolean base64) {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion("2.0");
    event.setRouteKey("$default");
    event.setRawPath(request.path());
    event.setRawQueryString(
        request.query().entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
            .collect(Collectors.joining("&")));
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    event.setHeaders(headers);
    body(request.body(), base64, event::setBody, event::setIsBase64Encoded);
    event.setRequestContext(
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withStage("$default")
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(request.method())
                    .withPath(request.path())
                    .build())
            .build());
    APIGatewayV2HTTPResponse answer = http.handleRequest(event, null);
    return response(
        answer.getStatusCode(), answer.getHeaders(), answer.getBody(), answer.getIsBase64Encoded());
  }

  private ApiResponse viaRestApi(ApiRequest request, boolean base64) {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod(request.method());
    event.setPath("/prod" + request.path());
    event.setResource("/{proxy+}");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    event.setMultiValueHeaders(headers);
    event.setHeaders(new LinkedHashMap<>(request.headers()));
    event.setMultiValueQueryStringParameters(
        request.query().isEmpty() ? null : new LinkedHashMap<>(request.query()));
    body(request.body(), base64, event::setBody, event::setIsBase64Encoded);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setStage("prod");
    event.setRequestContext(context);
    APIGatewayProxyResponseEvent answer = rest.handleRequest(event, null);
    return response(
        answer.getStatusCode(),
        answer.getHeaders(),
        answer.getBody(),
        Boolean.TRUE.equals(answer.getIsBase64Encoded()));
  }

  private static void body(
      byte[] body,
      boolean base64,
      java.util.function.Consumer<String> text,
      java.util.function.Consumer<Boolean> encoded) {
    if (body.length == 0) {
      encoded.accept(false);
      return;
    }
    text.accept(
        base64
            ? Base64.getEncoder().encodeToString(body)
            : new String(body, StandardCharsets.UTF_8));
    encoded.accept(base64);
  }

  private static ApiResponse response(
      int status, Map<String, String> headers, String body, boolean base64) {
    byte[] bytes =
        body == null
            ? new byte[0]
            : base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    return new ApiResponse(status, headers == null ? Map.of() : headers, bytes);
  }

  private static boolean isText(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    engine.close();
  }
}
