package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The claim that makes an identifier belong to one contact: {@code PK = WS#<ws>#ID#<type>:<value>}.
 */
final class IdentityClaimItem extends KeyedItem {
  static final String SORT_KEY = "#CLAIM";

  private String contactId;

  static final StaticTableSchema<IdentityClaimItem> SCHEMA =
      StaticTableSchema.builder(IdentityClaimItem.class)
          .newItemSupplier(IdentityClaimItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class,
              a -> a.name("contactId").getter(i -> i.contactId).setter((i, v) -> i.contactId = v))
          .build();

  static String pk(WorkspaceId workspace, Identifier identifier) {
    return "WS#" + workspace.value() + "#ID#" + identifier.key();
  }

  static IdentityClaimItem of(WorkspaceId workspace, Identifier identifier, ContactId owner) {
    IdentityClaimItem item = new IdentityClaimItem();
    item.setPk(pk(workspace, identifier));
    item.setSk(SORT_KEY);
    item.contactId = owner.value();
    return item;
  }

  ContactId owner() {
    return new ContactId(contactId);
  }
}
