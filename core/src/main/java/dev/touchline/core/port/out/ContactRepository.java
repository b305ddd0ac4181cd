package dev.touchline.core.port.out;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Contacts and the identity claims that make each identifier belong to at most one contact of a
 * workspace. All methods may throw {@link StorageException}.
 */
public interface ContactRepository {

  /** The contact with this id in this workspace; empty when there is none. */
  Optional<Contact> findById(WorkspaceId workspace, ContactId id);

  /**
   * The contacts with these ids that exist, by id. A store that can read many items in one call
   * does so (DynamoDB: {@code BatchGetItem}); the default reads each with {@link #findById}.
   */
  default Map<ContactId, Contact> findByIds(WorkspaceId workspace, Collection<ContactId> ids) {
    Map<ContactId, Contact> found = new LinkedHashMap<>();
    for (ContactId id : ids) {
      findById(workspace, id).ifPresent(c -> found.put(id, c));
    }
    return found;
  }

  /** The contact that owns this identifier (through its claim); empty when nobody owns it. */
  Optional<Contact> findByIdentifier(WorkspaceId workspace, Identifier identifier);

  /**
   * The owners of these identifiers (reading their claims only): a map holding each identifier some
   * contact owns; identifiers nobody owns are absent. A store that can read many items in one call
   * does so (DynamoDB: {@code BatchGetItem}); the default looks each up with {@link
   * #findByIdentifier}.
   */
  default Map<Identifier, ContactId> owners(
      WorkspaceId workspace, Collection<Identifier> identifiers) {
    Map<Identifier, ContactId> owners = new LinkedHashMap<>();
    for (Identifier identifier : identifiers) {
      findByIdentifier(workspace, identifier).ifPresent(c -> owners.put(identifier, c.id()));
    }
    return owners;
  }

  /**
   * Creates a contact and claims all its identifiers, atomically: either all claims and the contact
   * are written, or nothing is and the result names an identifier that was already taken. The
   * stored contact has version 1.
   */
  CreateResult create(Contact contact);

  /**
   * Claims an identifier for a contact unless some contact already owns it (first writer wins).
   * Does not change the contact record: the caller adds the identifier in its next update.
   *
   * @return the owner after the call: {@code contactId} when claimed now or before, else the other
   */
  ContactId claimIdentifier(WorkspaceId workspace, Identifier identifier, ContactId contactId);

  /**
   * Replaces a contact as it was read by its changed state, if the stored version is still the one
   * read. A store that indexes audiences ({@link AudienceIndex}) writes, with the contact, only the
   * memberships that differ between the two: an update that changes none costs nothing more.
   *
   * @param read the contact as read from this repository
   * @param changed its new state, at the same version (e.g. {@code read.toBuilder()...build(now)})
   * @return the contact as stored, with the version incremented
   * @throws ConcurrentUpdateException when the stored version differs (or the contact is gone)
   * @throws IllegalArgumentException when the two are not the same contact at the same version
   */
  Contact update(Contact read, Contact changed);

  /** What {@link #create} did. */
  sealed interface CreateResult permits Created, IdentifierTaken {}

  /** The contact was created, with its claims. */
  record Created(Contact contact) implements CreateResult {
    public Created {
      Objects.requireNonNull(contact, "contact");
    }
  }

  /** Nothing was written: another contact owns this identifier. */
  record IdentifierTaken(Identifier identifier, ContactId owner) implements CreateResult {
    public IdentifierTaken {
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(owner, "owner");
    }
  }
}
