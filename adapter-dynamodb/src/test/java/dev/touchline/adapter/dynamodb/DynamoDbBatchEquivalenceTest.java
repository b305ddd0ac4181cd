package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import dev.touchline.testkit.race.BatchEquivalenceSuite;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;

/** Batches worked concurrently against one by one, with every port on DynamoDB Local. */
@Timeout(600)
class DynamoDbBatchEquivalenceTest extends BatchEquivalenceSuite {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Override
  protected Touchline.Builder storage(Clock clock) {
    return DynamoDbStorage.on(STORE, clock).configure(Touchline.builder());
  }

  @Override
  protected int rounds() {
    return 6;
  }
}
