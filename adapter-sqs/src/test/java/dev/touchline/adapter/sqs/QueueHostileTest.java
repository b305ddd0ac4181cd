package dev.touchline.adapter.sqs;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hostile corpus with every accepted {@code POST /v1/events} carried through the events queue
 * (ElasticMQ) to the consumer, and answered with what the consumer's engine made of it: each case
 * must get exactly its documented answer there too.
 */
class QueueHostileTest extends HostileSuite {
  private static ElasticMq mq;

  @BeforeAll
  static void start() {
    mq = new ElasticMq();
  }

  @AfterAll
  static void stop() {
    mq.close();
  }

  @Override
  protected ScenarioTarget target() {
    // every case's workspace served from the start: no restart of the consumer per case
    return new QueueTarget(
        mq,
        java.util.stream.IntStream.rangeClosed(1, all().size())
            .mapToObj(HostileSuite::workspace)
            .toList());
  }

  @Override
  protected boolean overHttp() {
    return false;
  }
}
