package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import dev.touchline.core.port.out.ApiKeyRepository;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.IncomingLog;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.core.port.out.WorkspaceRepository;
import dev.touchline.testkit.faults.FaultInjector;
import dev.touchline.testkit.faults.FaultStormSuite;
import java.time.Clock;
import org.junit.jupiter.api.Timeout;

/**
 * The fault storm on DynamoDB Local: every repository of the adapter behind the fault injector, on
 * one in-process DynamoDB Local (each run has its own workspace).
 */
@Timeout(600)
class DynamoDbFaultStormTest extends FaultStormSuite {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Override
  protected Touchline.Builder storage(Touchline.Builder b, Clock clock, FaultInjector f) {
    DynamoDbContactRepository contacts = new DynamoDbContactRepository(STORE);
    return b.contacts(f.wrap(ContactRepository.class, contacts))
        .audiences(f.wrap(AudienceIndex.class, contacts))
        .events(f.wrap(EventRepository.class, new DynamoDbEventRepository(STORE)))
        .dedupLedger(f.wrap(DedupLedger.class, new DynamoDbDedupLedger(STORE)))
        .incomingLog(
            f.wrap(
                IncomingLog.class,
                new DynamoDbIncomingLog(STORE, clock, DynamoDbIncomingLog.DEFAULT_RETENTION)))
        .triggers(f.wrap(TriggerRepository.class, new DynamoDbTriggerRepository(STORE)))
        .workspaceConfigs(
            f.wrap(WorkspaceConfigRepository.class, new DynamoDbWorkspaceConfigRepository(STORE)))
        .apiKeys(f.wrap(ApiKeyRepository.class, new DynamoDbApiKeyRepository(STORE)))
        .workspaces(f.wrap(WorkspaceRepository.class, new DynamoDbWorkspaceRepository(STORE)));
  }
}
