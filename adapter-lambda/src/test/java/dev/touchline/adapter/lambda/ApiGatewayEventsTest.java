package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.TouchlineApi;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API Gateway's event shapes (real event JSON) as the engine's requests, and answers back. */
class ApiGatewayEventsTest {
  private final Touchline engine = Touchline.builder().build();
  private final String key =
      engine
          .apiKeys()
          .issue(new WorkspaceId("default"), EnumSet.allOf(Scope.class), RateLimit.DEFAULT)
          .secret();
  private final TouchlineApi api = new TouchlineApi(engine);

  private APIGatewayProxyRequestEvent rest(String file) {
    APIGatewayProxyRequestEvent e = EventLoader.loadApiGatewayRestEvent("events/" + file);
    if (e.getHeaders() != null) {
      e.getHeaders().replaceAll((n, v) -> v.replace("KEY", key));
    }
    if (e.getMultiValueHeaders() != null) {
      e.getMultiValueHeaders()
          .replaceAll((n, v) -> v.stream().map(x -> x.replace("KEY", key)).toList());
    }
    return e;
  }

  private APIGatewayV2HTTPEvent http(String file) {
    APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/" + file);
    e.getHeaders().replaceAll((n, v) -> v.replace("KEY", key));
    return e;
  }

  @Test
  void aRestEvent_withABase64Body_isTheRequestItCarries() {
    ApiRequest request = ApiGatewayEvents.fromRest(rest("rest-post-base64.json"));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/events");
    assertThat(request.header("x-api-key")).contains(key);
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"event\":\"signup\",\"email\":\"Ann@Example.com\"}");

    APIGatewayProxyResponseEvent answer = ApiGatewayEvents.toRest(api.handle(request));
    assertThat(answer.getStatusCode()).isEqualTo(201);
    assertThat(answer.getBody()).contains("\"status\":\"accepted\"");
    assertThat(answer.getHeaders()).containsEntry("Content-Type", "application/json");
  }

  @Test
  void aRestEvent_withTheStageInItsPath_multiValueQuery_andARepeatedKeyHeader() {
    ApiRequest request = ApiGatewayEvents.fromRest(rest("rest-get-stage-prefixed.json"));

    assertThat(request.path()).isEqualTo("/v1/events");
    assertThat(request.queryValues("type")).containsExactly("signup", "purchase");
    assertThat(request.queryValues("limit")).containsExactly("5");
    assertThat(request.header("X-API-KEY")).contains(key + ", OTHER");
    assertThat(api.handle(request).status())
        .as("two keys in one request are refused, as on the server")
        .isEqualTo(401);
  }

  @Test
  void anHttpApiEvent_onTheDefaultStage_withAnEncodedQuery_andBearerAuth() {
    api.handle(ApiGatewayEvents.fromRest(rest("rest-post-base64.json")));

    ApiRequest request = ApiGatewayEvents.fromHttp(http("http-get-contact.json"));

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/v1/contacts");
    assertThat(request.queryValues("email")).containsExactly("ann@example.com");
    APIGatewayV2HTTPResponse answer = ApiGatewayEvents.toHttp(api.handle(request));
    assertThat(answer.getStatusCode()).isEqualTo(200);
    assertThat(answer.getBody()).contains("\"email\":\"ann@example.com\"");
  }

  @Test
  void anHttpApiEvent_onANamedStage_hasTheStageTakenOffItsPath() {
    ApiRequest request = ApiGatewayEvents.fromHttp(http("http-post-staged.json"));

    assertThat(request.path()).isEqualTo("/v1/events");
    APIGatewayV2HTTPResponse answer = ApiGatewayEvents.toHttp(api.handle(request));
    assertThat(answer.getStatusCode()).isEqualTo(200);
    assertThat(answer.getBody()).contains("\"accepted\":1").contains("\"rejected\":1");
  }

  @Test
  void aBodyMarkedBase64ThatIsNot_isAnInvalidPayload() {
    APIGatewayProxyRequestEvent e = rest("rest-post-base64.json");
    e.setBody("{not base64}");

    assertThatThrownBy(() -> ApiGatewayEvents.fromRest(e))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            t ->
                assertThat(t.getMessage())
                    .isEqualTo("the body is marked base64-encoded but is not base64"));
  }

  @Test
  void rawQueryStrings_areDecoded_repeatedNamesKeptInOrder_badEscapesRefused() {
    assertThat(ApiGatewayEvents.query("a=1&b=x%20y&a=2&flag"))
        .containsEntry("a", List.of("1", "2"))
        .containsEntry("b", List.of("x y"))
        .containsEntry("flag", List.of(""));
    assertThatThrownBy(() -> ApiGatewayEvents.query("a=%zz"))
        .isInstanceOf(TouchlineException.class)
        .hasMessage("the query string is not valid percent-encoding");
  }

  @Test
  void aStagePrefixIsRemovedOnlyAsAWholeSegment() {
    assertThat(ApiGatewayEvents.withoutStage("/prod/v1/events", "prod")).isEqualTo("/v1/events");
    assertThat(ApiGatewayEvents.withoutStage("/production/v1", "prod")).isEqualTo("/production/v1");
    assertThat(ApiGatewayEvents.withoutStage("/v1/events", "$default")).isEqualTo("/v1/events");
    assertThat(ApiGatewayEvents.withoutStage("/prod", "prod")).isEqualTo("/");
  }
}
