package dev.touchline.adapter.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The one SQS client of the process (events queue and workflow queue), made on first use from
 * {@code TOUCHLINE_SQS_REGION} and {@code TOUCHLINE_SQS_ENDPOINT} (else the SDK's own lookup), and
 * closed with the application.
 */
@Singleton
public final class SqsClients {
  private final String region;
  private final String endpoint;
  private SqsClient client;

  public SqsClients(
      @Value("${touchline.sqs.region:}") String region,
      @Value("${touchline.sqs.endpoint:}") String endpoint) {
    this.region = region.trim();
    this.endpoint = endpoint.trim();
  }

  public synchronized SqsClient client() {
    if (client == null) {
      SqsClientBuilder builder =
          SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
      if (!region.isEmpty()) {
        builder.region(Region.of(region));
      }
      try {
        if (!endpoint.isEmpty()) {
          builder.endpointOverride(URI.create(endpoint));
        }
        client = builder.build();
      } catch (RuntimeException e) {
        throw new ConfigurationException(
            "cannot create the SQS client (set TOUCHLINE_SQS_REGION or AWS_REGION, and credentials"
                + " the AWS SDK can find): "
                + e.getMessage(),
            e);
      }
    }
    return client;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
