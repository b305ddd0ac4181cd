package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A contact's membership of an audience: {@code PK = WS#<ws>#AUD#<kind>#<name>}, {@code SK =
 * <contact id>}, so an audience is one partition read in contact-id order. Written and deleted with
 * the contact, in its transaction, only when the membership changes. A name too long for a
 * partition key stands as {@code #<SHA-256 of the name>}.
 */
final class MembershipItem extends KeyedItem {
  /** Names up to this many UTF-8 bytes stand in the key as they are. */
  private static final int PLAIN_NAME_BYTES = 512;

  static final StaticTableSchema<MembershipItem> SCHEMA =
      StaticTableSchema.builder(MembershipItem.class)
          .newItemSupplier(MembershipItem::new)
          .extend(KEYS)
          .build();

  static String pk(WorkspaceId workspace, Audience audience) {
    byte[] name = audience.name().getBytes(StandardCharsets.UTF_8);
    String key = name.length <= PLAIN_NAME_BYTES ? audience.name() : "#" + sha256(name);
    return "WS#" + workspace.value() + "#AUD#" + audience.kind() + "#" + key;
  }

  static MembershipItem of(WorkspaceId workspace, Audience audience, ContactId contact) {
    MembershipItem item = new MembershipItem();
    item.setPk(pk(workspace, audience));
    item.setSk(contact.value());
    return item;
  }

  ContactId contact() {
    return new ContactId(getSk());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
