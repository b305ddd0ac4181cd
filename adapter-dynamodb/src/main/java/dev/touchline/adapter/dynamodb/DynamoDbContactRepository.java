package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Contacts and identity claims. Creating a contact writes it and all its claims in one conditional
 * transaction; attaching an identifier is a conditional put of its claim; updates are conditional
 * on the version read.
 */
public final class DynamoDbContactRepository implements ContactRepository {
  private static final Expression ABSENT =
      Expression.builder().expression("attribute_not_exists(PK)").build();
  private static final int MAX_CREATE_ATTEMPTS = 3;

  private final DynamoDbStore store;
  private final DynamoDbTable<ContactItem> contacts;
  private final DynamoDbTable<IdentityClaimItem> claims;

  public DynamoDbContactRepository(DynamoDbStore store) {
    this.store = store;
    this.contacts = store.enhanced().table(store.tableName(), ContactItem.SCHEMA);
    this.claims = store.enhanced().table(store.tableName(), IdentityClaimItem.SCHEMA);
  }

  @Override
  public Optional<Contact> findById(WorkspaceId workspace, ContactId id) {
    return store
        .read(contacts, ContactItem.pk(workspace, id), ContactItem.SORT_KEY, "contact " + id)
        .map(i -> i.toDomain(workspace, id));
  }

  @Override
  public Optional<Contact> findByIdentifier(WorkspaceId workspace, Identifier identifier) {
    return owner(workspace, identifier).flatMap(owner -> findById(workspace, owner));
  }

  /** One {@code BatchGetItem} (consistent) per 100 identifiers, reading their claims only. */
  @Override
  public Map<Identifier, ContactId> owners(
      WorkspaceId workspace, Collection<Identifier> identifiers) {
    Map<String, Identifier> byKey = new LinkedHashMap<>();
    for (Identifier identifier : identifiers) {
      byKey.put(IdentityClaimItem.pk(workspace, identifier), identifier);
    }
    List<Key> keys =
        byKey.keySet().stream()
            .map(pk -> DynamoDbStore.key(pk, IdentityClaimItem.SORT_KEY))
            .toList();
    Map<Identifier, ContactId> owners = new LinkedHashMap<>();
    for (IdentityClaimItem item :
        store.readAll(claims, IdentityClaimItem.class, keys, "identity claims")) {
      owners.put(byKey.get(item.getPk()), item.owner());
    }
    return owners;
  }

  /** One {@code BatchGetItem} (consistent) per 100 contacts. */
  @Override
  public Map<ContactId, Contact> findByIds(WorkspaceId workspace, Collection<ContactId> ids) {
    Map<String, ContactId> byKey = new LinkedHashMap<>();
    for (ContactId id : ids) {
      byKey.put(ContactItem.pk(workspace, id), id);
    }
    List<Key> keys =
        byKey.keySet().stream().map(pk -> DynamoDbStore.key(pk, ContactItem.SORT_KEY)).toList();
    Map<ContactId, Contact> found = new LinkedHashMap<>();
    for (ContactItem item : store.readAll(contacts, ContactItem.class, keys, "contacts")) {
      ContactId id = byKey.get(item.getPk());
      found.put(id, item.toDomain(workspace, id));
    }
    return found;
  }

  @Override
  public CreateResult create(Contact contact) {
    List<Identifier> identifiers = contact.identities().all();
    for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
      TransactWriteItemsEnhancedRequest.Builder tx =
          TransactWriteItemsEnhancedRequest.builder()
              .addPutItem(
                  contacts,
                  TransactPutItemEnhancedRequest.builder(ContactItem.class)
                      .item(ContactItem.from(contact, 1))
                      .conditionExpression(ABSENT)
                      .build());
      for (Identifier id : identifiers) {
        tx.addPutItem(
            claims,
            TransactPutItemEnhancedRequest.builder(IdentityClaimItem.class)
                .item(IdentityClaimItem.of(contact.workspace(), id, contact.id()))
                .conditionExpression(ABSENT)
                .build());
      }
      try {
        store.run(
            "create contact " + contact.id(),
            () -> store.enhanced().transactWriteItems(tx.build()));
        return new Created(contact.withVersion(1));
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
          throw new IllegalArgumentException("contact " + contact.id() + " exists already");
        }
        for (int i = 1; i < reasons.size(); i++) {
          if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
            Identifier taken = identifiers.get(i - 1);
            Optional<ContactId> owner = owner(contact.workspace(), taken);
            if (owner.isPresent()) {
              return new IdentifierTaken(taken, owner.get());
            }
          }
        }
        // cancelled for a conflict that has since gone (or a concurrent transaction): try again
      }
    }
    throw new StorageException("creating contact " + contact.id() + " kept conflicting");
  }

  @Override
  public ContactId claimIdentifier(
      WorkspaceId workspace, Identifier identifier, ContactId contactId) {
    try {
      store.run(
          "claim " + identifier,
          () ->
              claims.putItem(
                  PutItemEnhancedRequest.builder(IdentityClaimItem.class)
                      .item(IdentityClaimItem.of(workspace, identifier, contactId))
                      .conditionExpression(ABSENT)
                      .build()));
      return contactId;
    } catch (ConditionalCheckFailedException owned) {
      return owner(workspace, identifier)
          .orElseThrow(() -> new StorageException("claim on " + identifier + " vanished"));
    }
  }

  @Override
  public Contact update(Contact contact) {
    long next = contact.version() + 1;
    try {
      store.run(
          "update contact " + contact.id(),
          () ->
              contacts.putItem(
                  PutItemEnhancedRequest.builder(ContactItem.class)
                      .item(ContactItem.from(contact, next))
                      .conditionExpression(
                          Expression.builder()
                              .expression("version = :v")
                              .expressionValues(
                                  Map.of(
                                      ":v", AttributeValue.fromN(Long.toString(contact.version()))))
                              .build())
                      .build()));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentUpdateException(
          "contact " + contact.id() + " is no longer at version " + contact.version());
    }
    return contact.withVersion(next);
  }

  private Optional<ContactId> owner(WorkspaceId workspace, Identifier identifier) {
    return store
        .read(
            claims,
            IdentityClaimItem.pk(workspace, identifier),
            IdentityClaimItem.SORT_KEY,
            "claim " + identifier)
        .map(IdentityClaimItem::owner);
  }
}
