package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.DedupLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DedupLedger} must do. Subclasses supply only {@link #ledger()}. */
public abstract class DedupLedgerContract {
  protected DedupLedger ledger;
  protected WorkspaceId ws;
  private final Instant now = Fixtures.NOW;

  protected abstract DedupLedger ledger();

  @BeforeEach
  void setUp() {
    ledger = ledger();
    ws = Fixtures.workspace();
  }

  private DedupClaim claim(String key, EventId holder, Optional<Duration> window) {
    return DedupClaim.forWindow(ws, key, holder, "fp-" + holder.value(), now, window);
  }

  private static String key() {
    return "msg:" + UUID.randomUUID();
  }

  @Test
  void findAll_readsTheLiveClaimsOfManyKeys_andLeavesOutTheFreeAndTheExpired() {
    String held = key();
    String expiring = key();
    String free = key();
    EventId holder = Fixtures.eventId();
    ledger.claim(claim(held, holder, Optional.of(Duration.ofHours(24))), now);
    ledger.claim(claim(expiring, Fixtures.eventId(), Optional.of(Duration.ofMinutes(1))), now);
    java.util.List<String> many =
        new java.util.ArrayList<>(java.util.List.of(held, expiring, free));
    for (int i = 0; i < 120; i++) {
      String k = key();
      ledger.claim(claim(k, holder, Optional.empty()), now);
      many.add(k);
    }

    java.util.Map<String, DedupClaim> live =
        ledger.findAll(ws, many, now.plus(Duration.ofMinutes(2)));

    assertThat(live).hasSize(121).doesNotContainKeys(expiring, free);
    assertThat(live.get(held).holder()).isEqualTo(holder);
    assertThat(ledger.findAll(Fixtures.workspace(), many, now)).isEmpty();
  }

  @Test
  void theFirstClaimWins_andTheSecondSeesTheHolder() {
    String key = key();
    DedupClaim first = claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(24)));
    assertThat(ledger.claim(first, now)).isInstanceOf(DedupLedger.Claimed.class);

    DedupLedger.ClaimResult second =
        ledger.claim(claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(24))), now);

    assertThat(second).isInstanceOf(DedupLedger.Held.class);
    DedupClaim existing = ((DedupLedger.Held) second).existing();
    assertThat(existing.holder()).isEqualTo(first.holder());
    assertThat(existing.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(existing.claimedAt()).isEqualTo(first.claimedAt());
    assertThat(existing.expiresAt()).isEqualTo(first.expiresAt());
  }

  @Test
  void anExpiredClaim_isReplaced_andFindIgnoresIt() {
    String key = key();
    DedupClaim first = claim(key, Fixtures.eventId(), Optional.of(Duration.ofMinutes(20)));
    ledger.claim(first, now);
    Instant later = now.plus(Duration.ofMinutes(20));
    assertThat(ledger.find(ws, key, now.plus(Duration.ofMinutes(19)))).isPresent();
    assertThat(ledger.find(ws, key, later)).isEmpty();

    DedupClaim second =
        DedupClaim.forWindow(
            ws, key, Fixtures.eventId(), "fp2", later, Optional.of(Duration.ofMinutes(20)));
    assertThat(ledger.claim(second, later)).isInstanceOf(DedupLedger.Claimed.class);
    assertThat(ledger.find(ws, key, later)).map(DedupClaim::holder).contains(second.holder());
  }

  @Test
  void aClaimWithoutExpiry_neverLapses() {
    String key = "bk:purchase:orderId:" + UUID.randomUUID();
    DedupClaim first = claim(key, Fixtures.eventId(), Optional.empty());
    ledger.claim(first, now);
    Instant farFuture = now.plus(Duration.ofDays(3650));
    assertThat(ledger.claim(claim(key, Fixtures.eventId(), Optional.empty()), farFuture))
        .isInstanceOf(DedupLedger.Held.class);
  }

  @Test
  void release_byTheHolder_freesTheKey_byAnotherEvent_doesNothing() {
    String key = key();
    DedupClaim first = claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(1)));
    ledger.claim(first, now);

    ledger.release(ws, key, Fixtures.eventId());
    assertThat(ledger.find(ws, key, now)).isPresent();

    ledger.release(ws, key, first.holder());
    assertThat(ledger.find(ws, key, now)).isEmpty();
    assertThat(ledger.claim(claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(1))), now))
        .isInstanceOf(DedupLedger.Claimed.class);
  }

  @Test
  void releasingAKeyNobodyHolds_isHarmless() {
    ledger.release(ws, key(), Fixtures.eventId());
  }

  @Test
  void concurrentClaims_onOneKey_exactlyOneWins() throws Exception {
    String key = key();
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<DedupLedger.ClaimResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        DedupClaim c = claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(1)));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return ledger.claim(c, now);
                }));
      }
      start.countDown();
      int wins = 0;
      for (Future<DedupLedger.ClaimResult> f : results) {
        wins += f.get() instanceof DedupLedger.Claimed ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void workspacesAreIsolated() {
    String key = key();
    ledger.claim(claim(key, Fixtures.eventId(), Optional.of(Duration.ofHours(1))), now);
    WorkspaceId other = Fixtures.workspace();
    DedupClaim there =
        DedupClaim.forWindow(
            other, key, Fixtures.eventId(), "fp", now, Optional.of(Duration.ofHours(1)));
    assertThat(ledger.claim(there, now)).isInstanceOf(DedupLedger.Claimed.class);
  }
}
