package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import dev.touchline.testkit.faults.FaultInjector;
import dev.touchline.testkit.faults.FaultStormSuite;
import dev.touchline.testkit.faults.FaultyTcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fault storm with the faults in the network: the adapter talks to DynamoDB Local's HTTP server
 * through a {@link FaultyTcpProxy} that resets connections before a request arrives or before its
 * answer leaves, and stalls answers half way. The client is the production one ({@link
 * DynamoDbStore#clientOverrides}, the SDK's own retries) with a shorter attempt timeout, so a
 * stalled answer costs half a second, not the production default.
 */
@Timeout(900)
class DynamoDbNetworkFaultStormTest extends FaultStormSuite {
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);
  private static final List<AutoCloseable> OPENED = new ArrayList<>();

  @AfterAll
  static void close() throws Exception {
    for (AutoCloseable c : OPENED) {
      c.close();
    }
  }

  @Override
  protected double faultRate() {
    return 0.02;
  }

  @Override
  protected Touchline.Builder storage(Touchline.Builder b, Clock clock, FaultInjector faults) {
    DynamoDbStore store;
    try {
      FaultyTcpProxy proxy =
          new FaultyTcpProxy(DynamoDbLocalServer.port(), faults, ATTEMPT_TIMEOUT.multipliedBy(2));
      DynamoDbClient client = DynamoDbLocalServer.client(proxy.port(), ATTEMPT_TIMEOUT);
      OPENED.add(proxy);
      OPENED.add(client);
      store = new DynamoDbStore(client, "touchline-" + UUID.randomUUID());
    } catch (Exception e) {
      throw new IllegalStateException("cannot reach DynamoDB Local through the proxy", e);
    }
    faults.enabled(false);
    store.createTableIfMissing(false);
    faults.enabled(true);
    DynamoDbContactRepository contacts = new DynamoDbContactRepository(store);
    return b.contacts(contacts)
        .audiences(contacts)
        .events(new DynamoDbEventRepository(store))
        .dedupLedger(new DynamoDbDedupLedger(store))
        .incomingLog(new DynamoDbIncomingLog(store, clock, DynamoDbIncomingLog.DEFAULT_RETENTION))
        .triggers(new DynamoDbTriggerRepository(store))
        .workspaceConfigs(new DynamoDbWorkspaceConfigRepository(store))
        .apiKeys(new DynamoDbApiKeyRepository(store))
        .workspaces(new DynamoDbWorkspaceRepository(store));
  }
}
