package dev.touchline.bench.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start baseline: an HTTP API function that only builds the same DynamoDB client as
 * Touchline's functions (url-connection client, region and credentials from the environment) and
 * parses the event's body with Jackson.
 */
public final class PlainHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unused")
  private final DynamoDbClient dynamoDb =
      DynamoDbClient.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .region(Region.of(System.getenv("AWS_REGION")))
          .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
          .endpointOverride(URI.create(System.getenv("TOUCHLINE_DYNAMODB_ENDPOINT")))
          .build();

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      JsonNode body = JSON.readTree(event.getBody());
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(200)
          .withHeaders(Map.of("Content-Type", "application/json"))
          .withBody("{\"event\":" + JSON.writeValueAsString(body.path("event")) + "}")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
