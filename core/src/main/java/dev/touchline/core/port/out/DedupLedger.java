package dev.touchline.core.port.out;

import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * First-writer-wins claims on dedup keys (messageIds, business keys, throttle slots), with expiry.
 * All methods may throw {@link StorageException}.
 */
public interface DedupLedger {

  /**
   * Takes a claim unless a live one (not expired at {@code now}) holds the key; an expired claim is
   * replaced. Atomic: of concurrent claims on one key, exactly one wins.
   */
  ClaimResult claim(DedupClaim claim, Instant now);

  /** The live claim on a key at {@code now}; empty when there is none or it has expired. */
  Optional<DedupClaim> find(WorkspaceId workspace, String key, Instant now);

  /**
   * The live claims on these keys at {@code now}, by key; keys with no live claim are absent. A
   * store that can read many items in one call does so (DynamoDB: {@code BatchGetItem}); the
   * default reads each with {@link #find}.
   */
  default Map<String, DedupClaim> findAll(
      WorkspaceId workspace, Collection<String> keys, Instant now) {
    Map<String, DedupClaim> live = new LinkedHashMap<>();
    for (String key : keys) {
      find(workspace, key, now).ifPresent(c -> live.put(key, c));
    }
    return live;
  }

  /**
   * Removes the claim on a key if {@code holder} holds it; a claim held by another is left alone.
   */
  void release(WorkspaceId workspace, String key, EventId holder);

  /** What {@link #claim} did. */
  sealed interface ClaimResult permits Claimed, Held {}

  /** The claim is now held by the caller. */
  record Claimed() implements ClaimResult {}

  /** Another live claim holds the key. */
  record Held(DedupClaim existing) implements ClaimResult {
    public Held {
      Objects.requireNonNull(existing, "existing");
    }
  }
}
