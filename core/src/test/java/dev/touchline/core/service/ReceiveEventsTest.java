package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.EventQueue;
import dev.touchline.core.port.out.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous path in the engine: receive (check, record, queue), then ingest with a receipt.
 */
class ReceiveEventsTest {
  private static final WorkspaceId WS = new WorkspaceId("async");
  private static final Caller CALLER = Caller.trusted(WS);

  /** A queue that keeps what it is given, or refuses while {@code down}. */
  private static final class Kept implements EventQueue {
    final List<Queued> queued = new ArrayList<>();
    Instant at;
    boolean down;

    @Override
    public synchronized void enqueue(
        WorkspaceId workspace, Instant receivedAt, List<Queued> events) {
      if (down) {
        throw new StorageException("injected: the queue is unavailable");
      }
      at = receivedAt;
      queued.addAll(events);
    }
  }

  private final Kept queue = new Kept();
  private final Touchline engine = Touchline.builder().eventQueue(queue).build();

  private static EventInput purchase(String email, String orderId, String messageId) {
    return EventInput.of("purchase", "email", email)
        .withProperties(JsonValue.object("orderId", orderId))
        .withMessageId(messageId);
  }

  private Optional<IncomingEntry> entry(String id) {
    return engine.incoming().list(CALLER, Optional.empty(), PageRequest.first(200)).items().stream()
        .filter(e -> e.id().equals(id))
        .findFirst();
  }

  private IngestResult deliver() {
    List<IngestItem> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (EventQueue.Queued q : queue.queued) {
      ids.add(q.incomingId());
      items.add(new IngestItem.Valid(inputs.get(q.incomingId())));
    }
    return engine
        .ingest()
        .ingest(
            CALLER,
            IngestCommand.batch(items).withReceipt(new IngestCommand.Receipt(ids, queue.at)));
  }

  private final java.util.Map<String, EventInput> inputs = new java.util.HashMap<>();

  private IngestResult receive(List<IngestItem> items) {
    IngestResult result = engine.ingest().receive(CALLER, IngestCommand.batch(items));
    for (int i = 0; i < items.size(); i++) {
      if (result.outcomes().get(i) instanceof IngestOutcome.Received r) {
        inputs.put(r.incomingId(), ((IngestItem.Valid) items.get(i)).input());
      }
    }
    return result;
  }

  @Test
  void validItemsAreRecordedAsReceivedAndQueued_invalidOnesRefusedAndLoggedAtOnce() {
    IngestResult result =
        receive(
            List.of(
                new IngestItem.Valid(purchase("ann@example.com", "o-1", "m-1")),
                new IngestItem.Valid(EventInput.of("purchase", "email", "not an address")),
                new IngestItem.Invalid(
                    ErrorCode.INVALID_PAYLOAD, "event is required", Optional.of("event"), "{}")));

    assertThat(result.outcomes().get(0)).isInstanceOf(IngestOutcome.Received.class);
    assertThat(result.outcomes().get(1))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class, r -> assertThat(r.field()).contains("email"));
    assertThat(result.outcomes().get(2)).isInstanceOf(IngestOutcome.Rejected.class);
    String id = ((IngestOutcome.Received) result.outcomes().get(0)).incomingId();
    assertThat(queue.queued).extracting(EventQueue.Queued::incomingId).containsExactly(id);
    assertThat(entry(id)).map(IncomingEntry::status).contains(IncomingStatus.RECEIVED);
    assertThat(
            engine
                .incoming()
                .list(CALLER, Optional.of(IncomingStatus.REJECTED), PageRequest.first(10))
                .items())
        .hasSize(2);
    assertThat(
            engine
                .events()
                .list(CALLER, Optional.empty(), Optional.empty(), PageRequest.first(10))
                .items())
        .as("nothing is ingested before the queue is read")
        .isEmpty();
  }

  @Test
  void ingestingWithTheReceipt_movesEachEntryToItsOutcome_andARedeliveryLeavesItProcessed() {
    IngestResult received =
        receive(
            List.of(
                new IngestItem.Valid(purchase("ann@example.com", "o-1", "m-1")),
                new IngestItem.Valid(purchase("bob@example.com", "o-1", "m-2"))));
    String first = ((IngestOutcome.Received) received.outcomes().get(0)).incomingId();
    String second = ((IngestOutcome.Received) received.outcomes().get(1)).incomingId();

    IngestResult delivered = deliver();
    IngestResult again = deliver();

    var accepted = (IngestOutcome.Accepted) delivered.outcomes().get(0);
    assertThat(entry(first))
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(IncomingStatus.PROCESSED);
              assertThat(e.eventId()).contains(accepted.eventId());
              assertThat(e.processError()).isEmpty();
            });
    assertThat(entry(second))
        .as("the same orderId for another messageId: a duplicate of the first purchase")
        .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(IncomingStatus.DUPLICATE));
    assertThat(again.outcomes().get(0)).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(entry(first))
        .as("a redelivery of a processed event leaves its entry processed")
        .hasValueSatisfying(
            e -> {
              assertThat(e.status()).isEqualTo(IncomingStatus.PROCESSED);
              assertThat(e.eventId()).contains(accepted.eventId());
            });
  }

  @Test
  void whenTheQueueRefuses_theEntriesFailAndTheItemsAreAnsweredInternalError() {
    queue.down = true;

    IngestResult result =
        receive(List.of(new IngestItem.Valid(purchase("ann@example.com", "o-1", "m-1"))));

    assertThat(result.outcomes().get(0))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
              assertThat(r.message())
                  .isEqualTo("the event could not be queued; it can be sent again");
            });
    assertThat(
            engine
                .incoming()
                .list(CALLER, Optional.of(IncomingStatus.FAILED), PageRequest.first(10))
                .items())
        .singleElement()
        .satisfies(
            e -> assertThat(e.processError().orElseThrow().code()).isEqualTo("internal_error"));
    assertThat(
            engine
                .incoming()
                .list(CALLER, Optional.of(IncomingStatus.RECEIVED), PageRequest.first(10))
                .items())
        .isEmpty();
  }

  @Test
  void withoutAQueue_receiveIsAnError() {
    Touchline plain = Touchline.builder().build();
    assertThatThrownBy(
            () ->
                plain
                    .ingest()
                    .receive(CALLER, IngestCommand.of(purchase("a@example.com", "o", "m"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no event queue");
  }

  @Test
  void aReceiptMustNameOneIdPerItem() {
    assertThatThrownBy(
            () ->
                IngestCommand.of(purchase("a@example.com", "o", "m"))
                    .withReceipt(new IngestCommand.Receipt(List.of("a", "b"), Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a receipt names one incoming id per item: 2 ids for 1 items");
  }
}
