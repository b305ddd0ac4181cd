package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import dev.touchline.testkit.race.IngestRaceSuite;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;

/** The core's race suite with every port on DynamoDB Local. */
@Timeout(600)
class DynamoDbIngestRaceTest extends IngestRaceSuite {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Override
  protected Touchline.Builder storage(Clock clock) {
    return DynamoDbStorage.on(STORE, clock).configure(Touchline.builder());
  }
}
