package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Contacts, identity claims and audience memberships. Creating a contact writes it, all its claims
 * and its memberships in one conditional transaction; attaching an identifier is a conditional put
 * of its claim; updates are a put conditional on the version read, in a transaction with the
 * memberships that change only when some do.
 */
public final class DynamoDbContactRepository implements ContactRepository, AudienceIndex {
  private static final Expression ABSENT =
      Expression.builder().expression("attribute_not_exists(PK)").build();
  private static final int MAX_CREATE_ATTEMPTS = 3;

  /** The most items one DynamoDB transaction may write. */
  private static final int MAX_TRANSACTION_ITEMS = 100;

  private final DynamoDbStore store;
  private final DynamoDbTable<ContactItem> contacts;
  private final DynamoDbTable<IdentityClaimItem> claims;
  private final DynamoDbTable<MembershipItem> memberships;

  public DynamoDbContactRepository(DynamoDbStore store) {
    this.store = store;
    this.contacts = store.enhanced().table(store.tableName(), ContactItem.SCHEMA);
    this.claims = store.enhanced().table(store.tableName(), IdentityClaimItem.SCHEMA);
    this.memberships = store.enhanced().table(store.tableName(), MembershipItem.SCHEMA);
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
      List<Audience> joined = List.copyOf(Audience.of(contact));
      boolean inOne = 1 + identifiers.size() + joined.size() <= MAX_TRANSACTION_ITEMS;
      if (inOne) {
        addMemberships(tx, contact.workspace(), contact.id(), joined, List.of());
      }
      try {
        store.run(
            "create contact " + contact.id(),
            () -> store.enhanced().transactWriteItems(tx.build()));
        if (!inOne) {
          writeMemberships(contact.workspace(), contact.id(), joined, List.of());
        }
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
  public Contact update(Contact read, Contact changed) {
    if (!read.id().equals(changed.id())
        || !read.workspace().equals(changed.workspace())
        || read.version() != changed.version()) {
      throw new IllegalArgumentException("read and changed are not one contact at one version");
    }
    long next = changed.version() + 1;
    Set<Audience> was = Audience.of(read);
    Set<Audience> is = Audience.of(changed);
    List<Audience> joined = is.stream().filter(a -> !was.contains(a)).toList();
    List<Audience> left = was.stream().filter(a -> !is.contains(a)).toList();
    PutItemEnhancedRequest<ContactItem> put =
        PutItemEnhancedRequest.builder(ContactItem.class)
            .item(ContactItem.from(changed, next))
            .conditionExpression(atVersion(changed.version()))
            .build();
    if (joined.isEmpty() && left.isEmpty()) {
      // The ordinary path: one conditional put, no transaction.
      try {
        store.run("update contact " + changed.id(), () -> contacts.putItem(put));
      } catch (ConditionalCheckFailedException e) {
        throw stale(changed);
      }
      return changed.withVersion(next);
    }
    if (1 + joined.size() + left.size() > MAX_TRANSACTION_ITEMS) {
      // Past what one transaction holds: the contact first, then its memberships. A listing
      // checks every member against the contact's stored state, so a membership written late
      // never lists a contact that is not in the audience.
      try {
        store.run("update contact " + changed.id(), () -> contacts.putItem(put));
      } catch (ConditionalCheckFailedException e) {
        throw stale(changed);
      }
      writeMemberships(changed.workspace(), changed.id(), joined, left);
      return changed.withVersion(next);
    }
    TransactWriteItemsEnhancedRequest.Builder tx =
        TransactWriteItemsEnhancedRequest.builder()
            .addPutItem(
                contacts,
                TransactPutItemEnhancedRequest.builder(ContactItem.class)
                    .item(ContactItem.from(changed, next))
                    .conditionExpression(atVersion(changed.version()))
                    .build());
    addMemberships(tx, changed.workspace(), changed.id(), joined, left);
    try {
      store.run(
          "update contact " + changed.id() + " and its audiences",
          () -> store.enhanced().transactWriteItems(tx.build()));
    } catch (TransactionCanceledException e) {
      // The version condition failed, or another transaction held one of the items: re-read.
      throw stale(changed);
    }
    return changed.withVersion(next);
  }

  /** One partition per audience, read in contact-id order; each member checked on its contact. */
  @Override
  public Page<Contact> members(WorkspaceId workspace, Audience audience, PageRequest page) {
    String partition = MembershipItem.pk(workspace, audience);
    Page<ContactId> ids =
        Queries.page(
            store,
            Queries.Partition.ofTable(memberships, partition, Optional.empty(), true)
                .consistently(),
            "audience|" + partition,
            page,
            MembershipItem::contact);
    Map<ContactId, Contact> found = findByIds(workspace, ids.items());
    List<Contact> members = new ArrayList<>(ids.items().size());
    for (ContactId id : ids.items()) {
      Contact contact = found.get(id);
      if (contact != null && audience.includes(contact)) {
        members.add(contact);
      }
    }
    return new Page<>(members, ids.nextCursor());
  }

  private void addMemberships(
      TransactWriteItemsEnhancedRequest.Builder tx,
      WorkspaceId workspace,
      ContactId id,
      List<Audience> joined,
      List<Audience> left) {
    for (Audience audience : joined) {
      tx.addPutItem(memberships, MembershipItem.of(workspace, audience, id));
    }
    for (Audience audience : left) {
      tx.addDeleteItem(
          memberships, DynamoDbStore.key(MembershipItem.pk(workspace, audience), id.value()));
    }
  }

  private void writeMemberships(
      WorkspaceId workspace, ContactId id, List<Audience> joined, List<Audience> left) {
    for (Audience audience : joined) {
      store.run(
          "add contact " + id + " to " + audience.kind() + " " + audience.name(),
          () -> memberships.putItem(MembershipItem.of(workspace, audience, id)));
    }
    for (Audience audience : left) {
      store.run(
          "remove contact " + id + " from " + audience.kind() + " " + audience.name(),
          () ->
              memberships.deleteItem(
                  DynamoDbStore.key(MembershipItem.pk(workspace, audience), id.value())));
    }
  }

  private static Expression atVersion(long version) {
    return Expression.builder()
        .expression("version = :v")
        .expressionValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))
        .build();
  }

  private static ConcurrentUpdateException stale(Contact contact) {
    return new ConcurrentUpdateException(
        "contact " + contact.id() + " is no longer at version " + contact.version());
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
