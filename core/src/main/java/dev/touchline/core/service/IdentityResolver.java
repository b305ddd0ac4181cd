package dev.touchline.core.service;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.identity.IdentityConflict;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.workspace.UnknownContactPolicy;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the contact an event or upsert is about: customer id, else email > phone > externalId;
 * attaches unowned identifiers, never moves owned ones, creates a contact when the policy allows.
 */
public final class IdentityResolver {
  private static final int MAX_ATTEMPTS = 5;

  private final ContactRepository contacts;
  private final Ulids ids;

  public IdentityResolver(ContactRepository contacts, Ulids ids) {
    this.contacts = contacts;
    this.ids = ids;
  }

  /** Raw identifiers from a request, normalised in priority order. */
  public static List<Identifier> normalize(
      Optional<String> email, Optional<String> phone, Optional<String> externalId, String region) {
    List<Identifier> out = new ArrayList<>(3);
    email.ifPresent(v -> out.add(IdentifierNormalizer.email(v, "email")));
    phone.ifPresent(v -> out.add(IdentifierNormalizer.phone(v, region, "phone")));
    externalId.ifPresent(v -> out.add(IdentifierNormalizer.externalId(v, "externalId")));
    return out;
  }

  /** The outcome of resolution. */
  public sealed interface Outcome permits Resolved, NotFound, Planned {}

  /**
   * Nothing matched and the policy creates contacts: the contact to create, not written yet (the
   * caller creates it with the event's effects, so a new contact costs one write, not two).
   */
  public record Planned(Contact contact) implements Outcome {}

  /**
   * The contact (as stored), how it was found, the identifiers claimed for it now that its record
   * does not list yet, and the identifiers that could not be attached.
   */
  public record Resolved(
      Contact contact,
      Resolution resolution,
      List<Identifier> attach,
      List<IdentityConflict> conflicts,
      boolean created)
      implements Outcome {
    public Resolved {
      Objects.requireNonNull(contact, "contact");
      attach = List.copyOf(attach);
      conflicts = List.copyOf(conflicts);
    }

    /** The contact with the newly claimed identifiers on it. */
    public Contact withAttached() {
      return withIdentifiers(contact, attach);
    }
  }

  /**
   * A contact with the identifiers claimed for it added, where it has none of that type yet (a
   * fresh copy of the contact, read after a conflict, may already carry them).
   */
  public static Contact withIdentifiers(Contact contact, List<Identifier> claimed) {
    Identities identities = contact.identities();
    for (Identifier id : claimed) {
      if (identities.get(id.type()).isEmpty()) {
        identities = identities.with(id);
      }
    }
    return identities == contact.identities()
        ? contact
        : contact.toBuilder().identities(identities).build(contact.updatedAt());
  }

  /** No contact matched: a named customer id that does not exist, or the {@code reject} policy. */
  public record NotFound(String message, String field) implements Outcome {}

  /** A contact found for an event, and how. */
  public record Match(Contact contact, Resolution resolution) {}

  /** The contact the event names or matches, if there is one; reads only, creates nothing. */
  public Optional<Match> lookup(
      WorkspaceId workspace, Optional<ContactId> customer, List<Identifier> identifiers) {
    if (customer.isPresent()) {
      return contacts
          .findById(workspace, customer.get())
          .map(c -> new Match(c, Resolution.CUSTOMER));
    }
    if (identifiers.size() == 1) {
      Identifier id = identifiers.get(0);
      return contacts
          .findByIdentifier(workspace, id)
          .map(c -> new Match(c, Resolution.of(id.type())));
    }
    // Several identifiers: their claims in one read, then the contact of the first one owned.
    Map<Identifier, ContactId> owners = contacts.owners(workspace, identifiers);
    for (Identifier id : identifiers) {
      ContactId owner = owners.get(id);
      if (owner != null) {
        Optional<Contact> contact = contacts.findById(workspace, owner);
        if (contact.isPresent()) {
          return Optional.of(new Match(contact.get(), Resolution.of(id.type())));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves the contact, creating it when nothing matches and the policy allows; {@code known} is
   * a match the caller looked up already (it saves the reads).
   */
  public Outcome resolve(
      WorkspaceId workspace,
      Optional<ContactId> customer,
      List<Identifier> identifiers,
      UnknownContactPolicy policy,
      Instant now,
      Optional<Match> known) {
    return resolve(workspace, customer, identifiers, policy, now, known, false, false);
  }

  /** Like {@link #resolve}, but a contact to create is returned as {@link Planned}, unwritten. */
  public Outcome plan(
      WorkspaceId workspace,
      Optional<ContactId> customer,
      List<Identifier> identifiers,
      UnknownContactPolicy policy,
      Instant now,
      Optional<Match> known) {
    return resolve(workspace, customer, identifiers, policy, now, known, true, false);
  }

  /**
   * Like {@link #plan}, for a caller that looked the identifiers up already and found nobody: the
   * first round plans the new contact without reading again (its creation is conditional, so a
   * contact made meanwhile by someone else is found in the next round).
   */
  public Outcome planKnownAbsent(
      WorkspaceId workspace,
      List<Identifier> identifiers,
      UnknownContactPolicy policy,
      Instant now) {
    return resolve(
        workspace, Optional.empty(), identifiers, policy, now, Optional.empty(), true, true);
  }

  private Outcome resolve(
      WorkspaceId workspace,
      Optional<ContactId> customer,
      List<Identifier> identifiers,
      UnknownContactPolicy policy,
      Instant now,
      Optional<Match> known,
      boolean planOnly,
      boolean knownAbsent) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Match> match =
          attempt == 0 && (known.isPresent() || knownAbsent)
              ? known
              : lookup(workspace, customer, identifiers);
      if (match.isPresent()) {
        return attach(workspace, match.get().contact(), match.get().resolution(), identifiers);
      }
      if (customer.isPresent()) {
        return new NotFound(
            "no contact with id " + customer.get().value() + " in this workspace", "customer");
      }
      if (policy == UnknownContactPolicy.REJECT) {
        return new NotFound(
            "no contact matches "
                + identifiers.stream().map(Identifier::key).toList()
                + " and this workspace does not create contacts from events",
            identifiers.get(0).type().wireName());
      }
      Contact fresh =
          Contact.create(workspace, new ContactId(ids.next(now)), Identities.of(identifiers), now);
      if (planOnly) {
        return new Planned(fresh);
      }
      if (contacts.create(fresh) instanceof ContactRepository.Created c) {
        return new Resolved(c.contact(), Resolution.NEW, List.of(), List.of(), true);
      }
      // another event created a contact with one of these identifiers: match it next time round
    }
    throw new StorageException(
        "identity resolution did not settle after " + MAX_ATTEMPTS + " attempts");
  }

  private Resolved attach(
      WorkspaceId workspace, Contact contact, Resolution resolution, List<Identifier> identifiers) {
    List<Identifier> attach = new ArrayList<>();
    List<IdentityConflict> conflicts = new ArrayList<>();
    for (Identifier id : identifiers) {
      Optional<Identifier> current = contact.identities().get(id.type());
      if (current.isPresent()) {
        if (!current.get().equals(id)) {
          conflicts.add(conflict(workspace, id, contact.id()));
        }
        continue;
      }
      ContactId owner = contacts.claimIdentifier(workspace, id, contact.id());
      if (owner.equals(contact.id())) {
        attach.add(id);
      } else {
        conflicts.add(new IdentityConflict(id.type(), id.value(), Optional.of(owner)));
      }
    }
    return new Resolved(contact, resolution, attach, conflicts, false);
  }

  private IdentityConflict conflict(WorkspaceId workspace, Identifier id, ContactId self) {
    Optional<ContactId> owner =
        contacts.findByIdentifier(workspace, id).map(Contact::id).filter(o -> !o.equals(self));
    return new IdentityConflict(id.type(), id.value(), owner);
  }
}
