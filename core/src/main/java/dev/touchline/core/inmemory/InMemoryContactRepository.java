package dev.touchline.core.inmemory;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Contacts and identity claims in memory; creation with claims is atomic under one lock. */
public final class InMemoryContactRepository implements ContactRepository {
  private record Key(WorkspaceId workspace, String id) {}

  private final ConcurrentHashMap<Key, Contact> contacts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, ContactId> claims = new ConcurrentHashMap<>();
  private final Object createLock = new Object();

  @Override
  public Optional<Contact> findById(WorkspaceId workspace, ContactId id) {
    return Optional.ofNullable(contacts.get(new Key(workspace, id.value())));
  }

  @Override
  public Optional<Contact> findByIdentifier(WorkspaceId workspace, Identifier identifier) {
    ContactId owner = claims.get(new Key(workspace, identifier.key()));
    return owner == null ? Optional.empty() : findById(workspace, owner);
  }

  @Override
  public Map<Identifier, ContactId> owners(
      WorkspaceId workspace, Collection<Identifier> identifiers) {
    Map<Identifier, ContactId> owners = new LinkedHashMap<>();
    for (Identifier identifier : identifiers) {
      ContactId owner = claims.get(new Key(workspace, identifier.key()));
      if (owner != null) {
        owners.put(identifier, owner);
      }
    }
    return owners;
  }

  @Override
  public CreateResult create(Contact contact) {
    synchronized (createLock) {
      for (Identifier id : contact.identities().all()) {
        ContactId owner = claims.get(new Key(contact.workspace(), id.key()));
        if (owner != null) {
          return new IdentifierTaken(id, owner);
        }
      }
      Key key = new Key(contact.workspace(), contact.id().value());
      if (contacts.containsKey(key)) {
        throw new IllegalArgumentException("contact " + contact.id() + " exists already");
      }
      List<Key> claimed = new ArrayList<>();
      for (Identifier id : contact.identities().all()) {
        Key claimKey = new Key(contact.workspace(), id.key());
        ContactId previous = claims.putIfAbsent(claimKey, contact.id());
        if (previous != null) { // a concurrent claimIdentifier won: undo ours
          claimed.forEach(k -> claims.remove(k, contact.id()));
          return new IdentifierTaken(id, previous);
        }
        claimed.add(claimKey);
      }
      Contact stored = contact.withVersion(1);
      contacts.put(key, stored);
      return new Created(stored);
    }
  }

  @Override
  public ContactId claimIdentifier(
      WorkspaceId workspace, Identifier identifier, ContactId contactId) {
    ContactId previous = claims.putIfAbsent(new Key(workspace, identifier.key()), contactId);
    return previous == null ? contactId : previous;
  }

  @Override
  public Contact update(Contact contact) {
    Key key = new Key(contact.workspace(), contact.id().value());
    Contact[] stored = new Contact[1];
    contacts.compute(
        key,
        (k, current) -> {
          if (current == null || current.version() != contact.version()) {
            throw new ConcurrentUpdateException(
                "contact "
                    + contact.id()
                    + " is at version "
                    + (current == null ? "none" : current.version())
                    + ", not "
                    + contact.version());
          }
          stored[0] = contact.withVersion(contact.version() + 1);
          return stored[0];
        });
    return stored[0];
  }
}
