package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.incoming.ProcessError;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.IncomingLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IncomingLog} must do. Subclasses supply only {@link #log()}. */
public abstract class IncomingLogContract {
  private static final Ulids IDS = new Ulids();
  protected IncomingLog log;
  protected WorkspaceId ws;

  protected abstract IncomingLog log();

  @BeforeEach
  void setUp() {
    log = log();
    ws = Fixtures.workspace();
  }

  private IncomingEntry entry(IncomingStatus status) {
    return new IncomingEntry(
        ws,
        IDS.next(Fixtures.NOW),
        Fixtures.NOW,
        status,
        status == IncomingStatus.REJECTED
            ? Optional.of(new ProcessError("invalid_payload", "email is not a valid address"))
            : Optional.empty(),
        "{\"event\":\"signup\",\"email\":\"x\"}",
        status == IncomingStatus.DUPLICATE ? Optional.of(Fixtures.eventId()) : Optional.empty());
  }

  @Test
  void save_thenFind_roundTripsEveryField() {
    IncomingEntry e = entry(IncomingStatus.REJECTED);
    log.save(e);
    assertThat(log.findById(ws, e.id())).contains(e);
    IncomingEntry d = entry(IncomingStatus.DUPLICATE);
    log.save(d);
    assertThat(log.findById(ws, d.id())).contains(d);
    assertThat(log.findById(Fixtures.workspace(), e.id())).isEmpty();
  }

  @Test
  void savingTheSameId_movesTheEntryToItsNewStatus() {
    IncomingEntry received = entry(IncomingStatus.RECEIVED);
    log.save(received);
    IncomingEntry processed =
        received.withOutcome(
            IncomingStatus.PROCESSED, Optional.empty(), Optional.of(Fixtures.eventId()));
    log.save(processed);
    assertThat(log.findById(ws, received.id())).contains(processed);
    assertThat(log.list(ws, Optional.of(IncomingStatus.RECEIVED), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(log.list(ws, Optional.of(IncomingStatus.PROCESSED), PageRequest.first(10)).items())
        .containsExactly(processed);
  }

  @Test
  void list_isNewestFirst_filtersByStatus_andPagesWithoutGaps() {
    List<IncomingEntry> rejected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      IncomingEntry r = entry(IncomingStatus.REJECTED);
      log.save(r);
      rejected.add(r);
      log.save(entry(IncomingStatus.DISCARDED));
    }
    List<String> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(3);
    while (true) {
      Page<IncomingEntry> p = log.list(ws, Optional.of(IncomingStatus.REJECTED), page);
      p.items().forEach(e -> seen.add(e.id()));
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = page.after(p.nextCursor().get());
    }
    assertThat(seen)
        .containsExactlyElementsOf(
            rejected.stream().map(IncomingEntry::id).sorted(Comparator.reverseOrder()).toList());
    assertThat(log.list(ws, Optional.empty(), PageRequest.first(200)).items()).hasSize(14);
  }

  @Test
  void aCursorFromAnotherStatusListing_isRefused() {
    for (int i = 0; i < 3; i++) {
      log.save(entry(IncomingStatus.REJECTED));
    }
    String cursor =
        log.list(ws, Optional.of(IncomingStatus.REJECTED), PageRequest.first(1))
            .nextCursor()
            .orElseThrow();
    assertThatThrownBy(
            () ->
                log.list(
                    ws, Optional.of(IncomingStatus.FAILED), PageRequest.first(1).after(cursor)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aLargePayload_isKeptUpToTheBound_andMarkedCut() {
    String big = "{\"event\":\"x\",\"p\":\"" + "é".repeat(40_000) + "\"}";
    IncomingEntry e =
        new IncomingEntry(
            ws,
            IDS.next(Fixtures.NOW),
            Fixtures.NOW,
            IncomingStatus.REJECTED,
            Optional.of(new ProcessError("payload_too_large", "too big")),
            big,
            Optional.empty());
    log.save(e);
    String stored = log.findById(ws, e.id()).orElseThrow().payload();
    assertThat(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(IncomingEntry.MAX_PAYLOAD_BYTES);
    assertThat(stored).endsWith("bytes]").contains("truncated");
  }
}
