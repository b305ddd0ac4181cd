package dev.touchline.adapter.dynamodb;

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
import dev.touchline.testkit.contract.Fixtures;
import dev.touchline.testkit.contract.IncomingLogContract;
import dev.touchline.testkit.contract.TriggerRepositoryContract;
import dev.touchline.testkit.contract.WorkspaceConfigRepositoryContract;
import dev.touchline.testkit.contract.WorkspaceRepositoryContract;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/** The core's contract suites, unchanged, against DynamoDB Local; one table serves the class. */
@Timeout(120)
class DynamoDbContractsTest {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Nested
  class Contacts extends ContactRepositoryContract {
    @Override
    protected ContactRepository repository() {
      return new DynamoDbContactRepository(STORE);
    }
  }

  @Nested
  class Events extends EventRepositoryContract {
    @Override
    protected EventRepository repository() {
      return new DynamoDbEventRepository(STORE);
    }
  }

  @Nested
  class Dedup extends DedupLedgerContract {
    @Override
    protected DedupLedger ledger() {
      return new DynamoDbDedupLedger(STORE);
    }
  }

  @Nested
  class Triggers extends TriggerRepositoryContract {
    @Override
    protected TriggerRepository repository() {
      return new DynamoDbTriggerRepository(STORE);
    }
  }

  @Nested
  class WorkspaceConfigs extends WorkspaceConfigRepositoryContract {
    @Override
    protected WorkspaceConfigRepository repository() {
      return new DynamoDbWorkspaceConfigRepository(STORE);
    }
  }

  @Nested
  class Workspaces extends WorkspaceRepositoryContract {
    @Override
    protected WorkspaceRepository repository() {
      return new DynamoDbWorkspaceRepository(STORE);
    }
  }

  @Nested
  class Audiences extends AudienceIndexContract {
    @Override
    protected ContactRepository contactRepository() {
      return new DynamoDbContactRepository(STORE);
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
      return new DynamoDbApiKeyRepository(STORE);
    }
  }

  @Nested
  class Incoming extends IncomingLogContract {
    @Override
    protected IncomingLog log() {
      // The suite writes entries at Fixtures.NOW; the log's clock stands there too.
      return new DynamoDbIncomingLog(
          STORE, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), DynamoDbIncomingLog.DEFAULT_RETENTION);
    }
  }
}
