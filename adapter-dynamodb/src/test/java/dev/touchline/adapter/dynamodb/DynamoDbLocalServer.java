package dev.touchline.adapter.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local's HTTP server in process, in memory, on a free loopback port, started once per
 * test JVM: for tests that put a network (a {@code FaultyTcpProxy}) between the adapter and it.
 */
final class DynamoDbLocalServer {
  private static int port;

  private DynamoDbLocalServer() {}

  /** The server's port, starting it at the first call. */
  static synchronized int port() throws Exception {
    if (port == 0) {
      int free;
      try (ServerSocket socket = new ServerSocket(0)) {
        free = socket.getLocalPort();
      }
      System.setProperty("ddb.local.telemetry", "false");
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(free), "-disableTelemetry"});
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (Exception ignored) {
                      // the JVM is ending anyway
                    }
                  }));
      port = free;
    }
    return port;
  }

  /**
   * A client built as the server and the Lambda functions build theirs ({@link
   * DynamoDbStore#clientOverrides}, the SDK's retries), reaching DynamoDB Local through {@code
   * viaPort}, each attempt abandoned after {@code attemptTimeout}.
   */
  static DynamoDbClient client(int viaPort, Duration attemptTimeout) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + viaPort))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            DynamoDbStore.clientOverrides(attemptTimeout, attemptTimeout.multipliedBy(4)))
        .build();
  }
}
