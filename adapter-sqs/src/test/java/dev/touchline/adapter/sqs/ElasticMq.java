package dev.touchline.adapter.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS for the tests and the helpers they use on it: ElasticMQ started in process on loopback
 * ({@link #ElasticMq()}), or any endpoint (LocalStack) given its client.
 */
class ElasticMq implements AutoCloseable {
  private static final AtomicInteger QUEUES = new AtomicInteger();

  private final SQSRestServer server;
  final SqsClient sqs;

  ElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    sqs =
        SqsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.of("elasticmq"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
            .build();
  }

  /** The same helpers on another SQS (LocalStack); closing closes the client only. */
  ElasticMq(SqsClient client) {
    server = null;
    sqs = client;
  }

  /** An events queue and its dead-letter queue, after {@code maxReceives} receives. */
  record Queues(String events, String deadLetters) {}

  Queues queues(Duration visibility, int maxReceives, boolean fifo) {
    int n = QUEUES.incrementAndGet();
    String suffix = fifo ? ".fifo" : "";
    Map<QueueAttributeName, String> dlqAttributes =
        fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    String dlq =
        sqs.createQueue(b -> b.queueName("dlq-" + n + suffix).attributes(dlqAttributes)).queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    Map<QueueAttributeName, String> attributes =
        new java.util.HashMap<>(
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(visibility.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\""
                    + maxReceives
                    + "\",\"deadLetterTargetArn\":\""
                    + dlqArn
                    + "\"}"));
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    String events =
        sqs.createQueue(b -> b.queueName("events-" + n + suffix).attributes(attributes)).queueUrl();
    return new Queues(events, dlq);
  }

  /** How many messages a queue holds, visible or not. */
  int depth(String queueUrl) {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return a.values().stream().mapToInt(Integer::parseInt).sum();
  }

  /** Receives (and deletes) what a queue holds now. */
  List<Message> drain(String queueUrl) {
    List<Message> messages =
        sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages();
    for (Message m : messages) {
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }
    return messages;
  }

  void send(String queueUrl, String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  @Override
  public void close() {
    sqs.close();
    if (server != null) {
      server.stopAndWait();
    }
  }
}
