package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
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

  /** The most keys one BatchGetItem request may carry. */
  private static final int BATCH_GET_LIMIT = 100;

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
    Map<Identifier, ContactId> owners = new LinkedHashMap<>();
    List<Identifier> distinct = List.copyOf(new LinkedHashSet<>(identifiers));
    for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
      List<Identifier> chunk =
          distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_LIMIT));
      ReadBatch.Builder<IdentityClaimItem> batch =
          ReadBatch.builder(IdentityClaimItem.class).mappedTableResource(claims);
      Map<String, Identifier> byKey = new HashMap<>();
      for (Identifier identifier : chunk) {
        String pk = IdentityClaimItem.pk(workspace, identifier);
        byKey.put(pk, identifier);
        batch.addGetItem(
            GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(pk).sortValue(IdentityClaimItem.SORT_KEY).build())
                .consistentRead(true)
                .build());
      }
      List<IdentityClaimItem> found =
          store.call(
              "read " + chunk.size() + " identity claims",
              () ->
                  store
                      .enhanced()
                      .batchGetItem(r -> r.readBatches(batch.build()))
                      .resultsForTable(claims)
                      .stream()
                      .toList());
      for (IdentityClaimItem item : found) {
        Identifier identifier = byKey.get(item.getPk());
        if (identifier != null) {
          owners.put(identifier, item.owner());
        }
      }
    }
    return owners;
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
