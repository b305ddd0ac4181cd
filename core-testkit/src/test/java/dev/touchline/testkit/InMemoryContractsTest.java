package dev.touchline.testkit;

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
import dev.touchline.testkit.contract.ApiKeyRepositoryContract;
import dev.touchline.testkit.contract.AudienceIndexContract;
import dev.touchline.testkit.contract.ContactRepositoryContract;
import dev.touchline.testkit.contract.DedupLedgerContract;
import dev.touchline.testkit.contract.EventRepositoryContract;
import dev.touchline.testkit.contract.IncomingLogContract;
import dev.touchline.testkit.contract.TriggerRepositoryContract;
import dev.touchline.testkit.contract.WorkspaceConfigRepositoryContract;
import dev.touchline.testkit.contract.WorkspaceRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The in-memory adapters against the contract suites, each with a fresh store per test. */
class InMemoryContractsTest {

  @Nested
  class Contacts extends ContactRepositoryContract {
    @Override
    protected ContactRepository repository() {
      return new InMemoryContactRepository();
    }
  }

  @Nested
  class Events extends EventRepositoryContract {
    @Override
    protected EventRepository repository() {
      return new InMemoryEventRepository();
    }
  }

  @Nested
  class Dedup extends DedupLedgerContract {
    @Override
    protected DedupLedger ledger() {
      return new InMemoryDedupLedger();
    }
  }

  @Nested
  class Incoming extends IncomingLogContract {
    @Override
    protected IncomingLog log() {
      return new InMemoryIncomingLog();
    }
  }

  @Nested
  class Triggers extends TriggerRepositoryContract {
    @Override
    protected TriggerRepository repository() {
      return new InMemoryTriggerRepository();
    }
  }

  @Nested
  class WorkspaceConfigs extends WorkspaceConfigRepositoryContract {
    @Override
    protected WorkspaceConfigRepository repository() {
      return new InMemoryWorkspaceConfigRepository();
    }
  }

  @Nested
  class Workspaces extends WorkspaceRepositoryContract {
    @Override
    protected WorkspaceRepository repository() {
      return new InMemoryWorkspaceRepository();
    }
  }

  @Nested
  class Audiences extends AudienceIndexContract {
    @Override
    protected ContactRepository contactRepository() {
      return new InMemoryContactRepository();
    }

    @Override
    protected AudienceIndex audienceIndex(ContactRepository contacts) {
      return (AudienceIndex) contacts;
    }
  }

  @Nested
  class ApiKeys extends ApiKeyRepositoryContract {
    @Override
    protected ApiKeyRepository repository() {
      return new InMemoryApiKeyRepository();
    }
  }
}
