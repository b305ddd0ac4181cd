package dev.touchline.core.inmemory;

import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.DedupLedger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Dedup claims in memory; each claim is one atomic compute on a concurrent map. */
public final class InMemoryDedupLedger implements DedupLedger {
  private record Key(WorkspaceId workspace, String key) {}

  private final ConcurrentHashMap<Key, DedupClaim> claims = new ConcurrentHashMap<>();

  @Override
  public ClaimResult claim(DedupClaim claim, Instant now) {
    ClaimResult[] result = new ClaimResult[1];
    claims.compute(
        new Key(claim.workspace(), claim.key()),
        (k, existing) -> {
          if (existing != null && !existing.isExpiredAt(now)) {
            result[0] = new Held(existing);
            return existing;
          }
          result[0] = new Claimed();
          return claim;
        });
    return result[0];
  }

  @Override
  public Optional<DedupClaim> find(WorkspaceId workspace, String key, Instant now) {
    return Optional.ofNullable(claims.get(new Key(workspace, key)))
        .filter(c -> !c.isExpiredAt(now));
  }

  @Override
  public void release(WorkspaceId workspace, String key, EventId holder) {
    claims.computeIfPresent(
        new Key(workspace, key),
        (k, existing) -> existing.holder().equals(holder) ? null : existing);
  }
}
