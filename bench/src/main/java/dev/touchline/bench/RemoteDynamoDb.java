package dev.touchline.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB as a network away (benchmark code): DynamoDB Local's HTTP server in process, in memory,
 * reached through a {@link DelayProxy}, with a client (the url-connection HTTP client, as the
 * server and Lambda use) that counts the calls it sends.
 */
final class RemoteDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  final DelayProxy proxy;
  final DynamoDbClient client;
  final AtomicLong calls = new AtomicLong();

  RemoteDynamoDb() throws Exception {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    server.start();
    proxy = new DelayProxy(port);
    client =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + proxy.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(CallCounter.countingInto(calls))
            .build();
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.close();
    server.stop();
  }
}
