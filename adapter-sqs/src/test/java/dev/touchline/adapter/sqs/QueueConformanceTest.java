package dev.touchline.adapter.sqs;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance scenarios with every event carried through the events queue (ElasticMQ). */
class QueueConformanceTest extends ConformanceSuite {
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
    return new QueueTarget(mq);
  }
}
