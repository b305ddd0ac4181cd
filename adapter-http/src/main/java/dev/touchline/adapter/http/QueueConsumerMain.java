package dev.touchline.adapter.http;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.CountDownLatch;

/**
 * The events-queue consumer as a process of its own, on the same store settings as the server and
 * without its HTTP port: {@code java -cp touchline-server.jar
 * dev.touchline.adapter.http.QueueConsumerMain} (or {@code bin/touchline-consumer}). It needs
 * {@code TOUCHLINE_SQS_QUEUE_URL}; it runs until it is stopped (SIGTERM, Ctrl-C), then finishes or
 * hands back the messages in flight.
 */
public final class QueueConsumerMain {
  private QueueConsumerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ApplicationContext context = start(java.util.Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.close();
                  stopped.countDown();
                },
                "touchline-consumer-stop"));
    stopped.await();
  }

  /** Starts the consumer's context; fails at once, naming the setting, when no queue is set. */
  static ApplicationContext start(java.util.Map<String, Object> properties) {
    java.util.Map<String, Object> all = new java.util.HashMap<>(properties);
    all.put("touchline.mode", "consumer");
    ApplicationContext context = ApplicationContext.builder().properties(all).start();
    if (!context.containsBean(QueueConsumerRuntime.class)) {
      context.close();
      throw new IllegalStateException(
          "no events queue: set TOUCHLINE_SQS_QUEUE_URL to the queue's URL");
    }
    context.getBean(QueueConsumerRuntime.class);
    return context;
  }
}
