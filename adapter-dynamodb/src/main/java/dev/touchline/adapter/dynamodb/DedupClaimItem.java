package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A dedup claim: {@code PK = WS#<ws>#DEDUP#<key>}, {@code SK = #}. */
final class DedupClaimItem extends KeyedItem {
  private String holder;
  private String fingerprint;
  private Long claimedAtMs;
  private Long expiresAtMs;

  static final StaticTableSchema<DedupClaimItem> SCHEMA =
      StaticTableSchema.builder(DedupClaimItem.class)
          .newItemSupplier(DedupClaimItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class,
              a ->
                  a.name("holder")
                      .getter(DedupClaimItem::getHolder)
                      .setter(DedupClaimItem::setHolder))
          .addAttribute(
              String.class,
              a ->
                  a.name("fp")
                      .getter(DedupClaimItem::getFingerprint)
                      .setter(DedupClaimItem::setFingerprint))
          .addAttribute(
              Long.class,
              a ->
                  a.name("claimedAt")
                      .getter(DedupClaimItem::getClaimedAtMs)
                      .setter(DedupClaimItem::setClaimedAtMs))
          .addAttribute(
              Long.class,
              a ->
                  a.name("expiresAt")
                      .getter(DedupClaimItem::getExpiresAtMs)
                      .setter(DedupClaimItem::setExpiresAtMs))
          .build();

  static String pk(WorkspaceId workspace, String key) {
    return "WS#" + workspace.value() + "#DEDUP#" + key;
  }

  static DedupClaimItem from(DedupClaim claim) {
    DedupClaimItem item = new DedupClaimItem();
    item.setPk(pk(claim.workspace(), claim.key()));
    item.setSk("#");
    item.holder = claim.holder().value();
    item.fingerprint = claim.fingerprint();
    item.claimedAtMs = claim.claimedAt().toEpochMilli();
    item.expiresAtMs = claim.expiresAt().map(Instant::toEpochMilli).orElse(null);
    // TTL deletes the item a day after it lapsed; reads ignore lapsed claims before that.
    item.setTtl(claim.expiresAt().map(e -> e.getEpochSecond() + 86_400).orElse(null));
    return item;
  }

  DedupClaim toDomain(WorkspaceId workspace, String key) {
    return new DedupClaim(
        workspace,
        key,
        new EventId(holder),
        fingerprint,
        Instant.ofEpochMilli(claimedAtMs),
        Optional.ofNullable(expiresAtMs).map(Instant::ofEpochMilli));
  }

  String getHolder() {
    return holder;
  }

  void setHolder(String holder) {
    this.holder = holder;
  }

  String getFingerprint() {
    return fingerprint;
  }

  void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  Long getClaimedAtMs() {
    return claimedAtMs;
  }

  void setClaimedAtMs(Long claimedAtMs) {
    this.claimedAtMs = claimedAtMs;
  }

  Long getExpiresAtMs() {
    return expiresAtMs;
  }

  void setExpiresAtMs(Long expiresAtMs) {
    this.expiresAtMs = expiresAtMs;
  }
}
