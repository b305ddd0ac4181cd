package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import dev.touchline.core.port.out.ApiKeyRepository;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.IncomingLog;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.testkit.contract.ApiKeyRepositoryContract;
import dev.touchline.testkit.contract.ContactRepositoryContract;
import dev.touchline.testkit.contract.DedupLedgerContract;
import dev.touchline.testkit.contract.EventRepositoryContract;
import dev.touchline.testkit.contract.Fixtures;
import dev.touchline.testkit.contract.IncomingLogContract;
import dev.touchline.testkit.contract.TriggerRepositoryContract;
import dev.touchline.testkit.contract.WorkspaceConfigRepositoryContract;
import dev.touchline.testkit.race.IngestRaceSuite;
import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same suites against LocalStack's DynamoDB, where a Docker engine exists (skipped otherwise;
 * DynamoDB Local runs them everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(900)
class LocalStackDynamoDbIT {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer("localstack/localstack:4.4").withServices("dynamodb");

  private static DynamoDbStore store;

  static synchronized DynamoDbStore store() {
    if (store == null) {
      DynamoDbClient client =
          DynamoDbClient.builder()
              .endpointOverride(LOCALSTACK.getEndpoint())
              .region(Region.of(LOCALSTACK.getRegion()))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .build();
      store = new DynamoDbStore(client, "touchline-" + UUID.randomUUID());
      store.createTableIfMissing(false);
    }
    return store;
  }

  @Nested
  class Contacts extends ContactRepositoryContract {
    @Override
    protected ContactRepository repository() {
      return new DynamoDbContactRepository(store());
    }
  }

  @Nested
  class Events extends EventRepositoryContract {
    @Override
    protected EventRepository repository() {
      return new DynamoDbEventRepository(store());
    }
  }

  @Nested
  class Dedup extends DedupLedgerContract {
    @Override
    protected DedupLedger ledger() {
      return new DynamoDbDedupLedger(store());
    }
  }

  @Nested
  class Triggers extends TriggerRepositoryContract {
    @Override
    protected TriggerRepository repository() {
      return new DynamoDbTriggerRepository(store());
    }
  }

  @Nested
  class WorkspaceConfigs extends WorkspaceConfigRepositoryContract {
    @Override
    protected WorkspaceConfigRepository repository() {
      return new DynamoDbWorkspaceConfigRepository(store());
    }
  }

  @Nested
  class ApiKeys extends ApiKeyRepositoryContract {
    @Override
    protected ApiKeyRepository repository() {
      return new DynamoDbApiKeyRepository(store());
    }
  }

  @Nested
  class Incoming extends IncomingLogContract {
    @Override
    protected IncomingLog log() {
      return new DynamoDbIncomingLog(
          store(),
          Clock.fixed(Fixtures.NOW, ZoneOffset.UTC),
          DynamoDbIncomingLog.DEFAULT_RETENTION);
    }
  }

  @Nested
  class Race extends IngestRaceSuite {
    @Override
    protected Touchline.Builder storage(Clock clock) {
      return DynamoDbStorage.on(store(), clock).configure(Touchline.builder());
    }
  }

  @Nested
  class Conformance extends ConformanceSuite {
    @Override
    protected ScenarioTarget target() {
      return new InProcessTarget(
          (builder, clock) -> DynamoDbStorage.on(store(), clock).configure(builder));
    }
  }
}
