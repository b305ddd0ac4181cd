package dev.touchline.adapter.sqs;

import dev.touchline.testkit.race.RedeliveryStormSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The redelivery storm through the events queue: every delivery travels as an envelope through
 * ElasticMQ to the consumer.
 */
@Timeout(900)
class QueueRedeliveryStormTest extends RedeliveryStormSuite {
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
