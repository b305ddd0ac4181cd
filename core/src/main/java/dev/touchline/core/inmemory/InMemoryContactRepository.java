package dev.touchline.core.inmemory;

import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.paging.ListingCursor;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Contacts, identity claims and the audience index in memory; creation with claims is atomic under
 * one lock, and a contact's index entries change with it.
 */
public final class InMemoryContactRepository implements ContactRepository, AudienceIndex {
  private record Key(WorkspaceId workspace, String id) {}

  private record AudienceKey(WorkspaceId workspace, Audience audience) {}

  private final ConcurrentHashMap<AudienceKey, ConcurrentSkipListSet<String>> audiences =
      new ConcurrentHashMap<>();

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
      index(stored.workspace(), stored.id(), Set.of(), Audience.of(stored));
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
  public Contact update(Contact read, Contact changed) {
    if (!read.id().equals(changed.id())
        || !read.workspace().equals(changed.workspace())
        || read.version() != changed.version()) {
      throw new IllegalArgumentException("read and changed are not one contact at one version");
    }
    Key key = new Key(changed.workspace(), changed.id().value());
    Contact[] stored = new Contact[1];
    contacts.compute(
        key,
        (k, current) -> {
          if (current == null || current.version() != changed.version()) {
            throw new ConcurrentUpdateException(
                "contact "
                    + changed.id()
                    + " is at version "
                    + (current == null ? "none" : current.version())
                    + ", not "
                    + changed.version());
          }
          stored[0] = changed.withVersion(changed.version() + 1);
          index(changed.workspace(), changed.id(), Audience.of(current), Audience.of(stored[0]));
          return stored[0];
        });
    return stored[0];
  }

  private void index(WorkspaceId workspace, ContactId id, Set<Audience> was, Set<Audience> is) {
    for (Audience left : was) {
      if (!is.contains(left)) {
        ConcurrentSkipListSet<String> members = audiences.get(new AudienceKey(workspace, left));
        if (members != null) {
          members.remove(id.value());
        }
      }
    }
    for (Audience joined : is) {
      if (!was.contains(joined)) {
        audiences
            .computeIfAbsent(new AudienceKey(workspace, joined), k -> new ConcurrentSkipListSet<>())
            .add(id.value());
      }
    }
  }

  @Override
  public Page<Contact> members(WorkspaceId workspace, Audience audience, PageRequest page) {
    String listing = "audience|" + audience.kind() + "|" + audience.name();
    Optional<String> after = ListingCursor.decodeKey(page.cursor(), listing);
    NavigableSet<String> members =
        audiences.getOrDefault(new AudienceKey(workspace, audience), new ConcurrentSkipListSet<>());
    NavigableSet<String> rest = after.map(a -> members.tailSet(a, false)).orElse(members);
    List<Contact> items = new ArrayList<>(page.limit());
    for (String id : rest) {
      Contact contact = contacts.get(new Key(workspace, id));
      if (contact == null || !audience.includes(contact)) {
        continue; // changing this very moment: listed as its stored state says
      }
      if (items.size() == page.limit()) {
        String last = items.get(items.size() - 1).id().value();
        return new Page<>(items, Optional.of(ListingCursor.encode(listing, List.of(last))));
      }
      items.add(contact);
    }
    return new Page<>(items, Optional.empty());
  }
}
