package dev.touchline.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.testkit.contract.Fixtures;
import dev.touchline.testkit.faults.FaultInjector;
import dev.touchline.testkit.faults.FaultyTcpProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A conditional write whose first try reached DynamoDB but whose answer was lost (the connection
 * reset after the request) is tried again by the SDK, and that retry finds the condition failed by
 * its own first try. Each write below has its answer lost once, through a {@link FaultyTcpProxy},
 * and must still report what it did: written.
 */
class RetriedWritesTest {
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  private FaultInjector faults;
  private FaultyTcpProxy proxy;
  private DynamoDbClient client;
  private DynamoDbStore store;
  private final WorkspaceId ws = Fixtures.workspace();

  @BeforeEach
  void setUp() throws Exception {
    faults = new FaultInjector(1.0, 1).atMost(0);
    proxy =
        new FaultyTcpProxy(
            DynamoDbLocalServer.port(), faults, ATTEMPT_TIMEOUT, FaultInjector.Kind.AFTER);
    client = DynamoDbLocalServer.client(proxy.port(), ATTEMPT_TIMEOUT);
    store = new DynamoDbStore(client, "touchline-" + UUID.randomUUID());
    store.createTableIfMissing(false);
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    proxy.close();
  }

  /** The next request's answer is lost (its write done). */
  private void loseTheNextAnswer() {
    faults.atMost(1);
  }

  private void assertOneAnswerWasLost() {
    assertThat(faults.injected()).containsEntry(FaultInjector.Kind.AFTER, 1);
  }

  @Test
  void aTriggerRecordRetriedAfterItsAnswerWasLost_isRecordedByThisCall_andStaysPending() {
    DynamoDbTriggerRepository triggers = new DynamoDbTriggerRepository(store);
    EventId event = Fixtures.eventId();
    Trigger t =
        new Trigger(
            Trigger.idFor(event, "welcome", ""),
            "wf-welcome",
            ws,
            Fixtures.contactId(),
            event,
            "welcome",
            Fixtures.NOW,
            "rule welcome on signup");

    loseTheNextAnswer();
    assertThat(triggers.recordOnce(t)).as("recorded by this call: its caller delivers it").isTrue();

    assertOneAnswerWasLost();
    assertThat(triggers.findById(ws, t.id())).contains(new TriggerRepository.Recorded(t, false));
    assertThat(triggers.recordOnce(t)).as("a second call is not the first").isFalse();
    triggers.markDelivered(ws, t.id());
    assertThat(triggers.recordOnce(t)).isFalse();
  }

  @Test
  void aDedupClaimRetriedAfterItsAnswerWasLost_isClaimedByThisCall() {
    DynamoDbDedupLedger ledger = new DynamoDbDedupLedger(store);
    EventId holder = Fixtures.eventId();
    DedupClaim claim =
        DedupClaim.forWindow(
            ws, "msg:1", holder, "fp", Fixtures.NOW, Optional.of(Duration.ofHours(1)));

    loseTheNextAnswer();
    assertThat(ledger.claim(claim, Fixtures.NOW)).isInstanceOf(DedupLedger.Claimed.class);

    assertOneAnswerWasLost();
    DedupClaim other =
        DedupClaim.forWindow(
            ws, "msg:1", Fixtures.eventId(), "fp", Fixtures.NOW, Optional.of(Duration.ofHours(1)));
    assertThat(ledger.claim(other, Fixtures.NOW)).isEqualTo(new DedupLedger.Held(claim));
  }

  @Test
  void aWorkspaceCreatedAfterItsAnswerWasLost_isCreatedByThisCall() {
    DynamoDbWorkspaceRepository workspaces = new DynamoDbWorkspaceRepository(store);
    Workspace w = new Workspace(ws, "Acme", Fixtures.NOW);

    loseTheNextAnswer();
    assertThat(workspaces.create(w)).isTrue();

    assertOneAnswerWasLost();
    assertThat(workspaces.create(new Workspace(ws, "Other", Fixtures.NOW))).isFalse();
    assertThat(workspaces.find(ws)).contains(w);
  }

  @Test
  void aConfigurationSavedAfterItsAnswerWasLost_isSavedByThisCall() {
    DynamoDbWorkspaceConfigRepository configs = new DynamoDbWorkspaceConfigRepository(store);

    loseTheNextAnswer();
    var first = configs.save(ws, "{\"rules\":[]}", 0, Fixtures.NOW);
    assertOneAnswerWasLost();
    assertThat(first.version()).isEqualTo(1);

    loseTheNextAnswer();
    var second = configs.save(ws, "{\"rules\":[],\"segments\":[]}", 1, Fixtures.NOW);
    assertThat(faults.injected()).containsEntry(FaultInjector.Kind.AFTER, 2);
    assertThat(second.version()).isEqualTo(2);
    assertThat(configs.find(ws)).contains(second);
  }

  @Test
  void aContactCreatedAfterItsAnswerWasLost_isCreated_theTransactionTokenMakesTheRetrySafe() {
    DynamoDbContactRepository contacts = new DynamoDbContactRepository(store);
    var email = Fixtures.email("retried");
    Contact contact = Fixtures.contact(ws, email);

    loseTheNextAnswer();
    assertThat(contacts.create(contact)).isInstanceOf(ContactRepository.Created.class);

    assertOneAnswerWasLost();
    assertThat(contacts.findById(ws, contact.id())).isPresent();
    assertThat(contacts.claimIdentifier(ws, email, Fixtures.contactId())).isEqualTo(contact.id());
  }
}
