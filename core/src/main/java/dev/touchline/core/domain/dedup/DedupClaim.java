package dev.touchline.core.domain.dedup;

import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A first-writer-wins claim on a dedup key (a messageId, a business key, a throttle slot).
 *
 * @param key the claimed key, e.g. {@code msg:abc}, {@code bk:purchase:orderId:o-1}
 * @param holder the event that holds the claim
 * @param fingerprint the holder's payload fingerprint (to tell a replay from a conflict)
 * @param claimedAt when the claim was taken
 * @param expiresAt when the claim lapses; empty for claims that never lapse
 */
public record DedupClaim(
    WorkspaceId workspace,
    String key,
    EventId holder,
    String fingerprint,
    Instant claimedAt,
    Optional<Instant> expiresAt) {

  public DedupClaim {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (key.isBlank()) {
      throw new IllegalArgumentException("claim key must not be blank");
    }
  }

  /** Whether this claim has lapsed at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
  }

  /** A claim that lapses {@code window} after {@code claimedAt}. */
  public static DedupClaim forWindow(
      WorkspaceId workspace,
      String key,
      EventId holder,
      String fingerprint,
      Instant claimedAt,
      Optional<Duration> window) {
    return new DedupClaim(
        workspace, key, holder, fingerprint, claimedAt, window.map(claimedAt::plus));
  }
}
