package dev.touchline.adapter.sqs;

import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The consumer's tests against LocalStack's SQS, where a Docker engine exists (skipped otherwise;
 * ElasticMQ runs them everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(300)
class LocalStackSqsIT extends SqsConsumerTest {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer("localstack/localstack:4.4").withServices("sqs");

  private static ElasticMq localStack;

  @Override
  protected synchronized ElasticMq mq() {
    if (localStack == null) {
      localStack =
          new ElasticMq(
              SqsClient.builder()
                  .endpointOverride(LOCALSTACK.getEndpoint())
                  .region(Region.of(LOCALSTACK.getRegion()))
                  .credentialsProvider(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create(
                              LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                  .httpClientBuilder(UrlConnectionHttpClient.builder())
                  .build());
    }
    return localStack;
  }
}
