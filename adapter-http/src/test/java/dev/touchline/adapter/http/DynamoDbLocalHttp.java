package dev.touchline.adapter.http;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local's HTTP server in process, in memory, on a free loopback port, for servers started
 * with store {@code dynamodb}; the SDK's credential chain finds the dummy credentials it sets.
 */
final class DynamoDbLocalHttp implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final String endpoint;

  DynamoDbLocalHttp() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    server.start();
    endpoint = "http://127.0.0.1:" + port;
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  String endpoint() {
    return endpoint;
  }

  /** The server properties of store {@code dynamodb} on this endpoint. */
  Map<String, Object> store(String table, boolean createTable) {
    return Map.of(
        "touchline.store",
        "dynamodb",
        "touchline.dynamodb.endpoint",
        endpoint,
        "touchline.dynamodb.region",
        "us-east-1",
        "touchline.dynamodb.table",
        table,
        "touchline.dynamodb.create-table",
        Boolean.toString(createTable));
  }

  /** A client of this endpoint, for a test's own look at the table. */
  DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    server.stop();
  }
}
