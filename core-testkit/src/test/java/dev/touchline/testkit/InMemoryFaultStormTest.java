package dev.touchline.testkit;

import dev.touchline.core.Touchline;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
import dev.touchline.core.inmemory.InMemoryContactRepository;
import dev.touchline.core.inmemory.InMemoryDedupLedger;
import dev.touchline.core.inmemory.InMemoryEventRepository;
import dev.touchline.core.inmemory.InMemoryIncomingLog;
import dev.touchline.core.inmemory.InMemoryTriggerRepository;
import dev.touchline.core.inmemory.InMemoryWorkspaceConfigRepository;
import dev.touchline.core.inmemory.InMemoryWorkspaceRepository;
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

/** The fault storm on the in-memory store: 10,000 events, every port failing 3% of its calls. */
class InMemoryFaultStormTest extends FaultStormSuite {
  @Override
  protected Touchline.Builder storage(Touchline.Builder b, Clock clock, FaultInjector f) {
    InMemoryContactRepository contacts = new InMemoryContactRepository();
    return b.contacts(f.wrap(ContactRepository.class, contacts))
        .audiences(f.wrap(AudienceIndex.class, contacts))
        .events(f.wrap(EventRepository.class, new InMemoryEventRepository()))
        .dedupLedger(f.wrap(DedupLedger.class, new InMemoryDedupLedger()))
        .incomingLog(f.wrap(IncomingLog.class, new InMemoryIncomingLog()))
        .triggers(f.wrap(TriggerRepository.class, new InMemoryTriggerRepository()))
        .workspaceConfigs(
            f.wrap(WorkspaceConfigRepository.class, new InMemoryWorkspaceConfigRepository()))
        .apiKeys(f.wrap(ApiKeyRepository.class, new InMemoryApiKeyRepository()))
        .workspaces(f.wrap(WorkspaceRepository.class, new InMemoryWorkspaceRepository()));
  }
}
