package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.port.in.QueryContactsUseCase;
import dev.touchline.core.port.out.ContactRepository;
import java.util.Optional;

/** Reads contacts for callers with {@code contacts:read}. */
public final class QueryContactsService implements QueryContactsUseCase {
  private final ContactRepository contacts;
  private final WorkspaceConfigs configs;

  public QueryContactsService(ContactRepository contacts, WorkspaceConfigs configs) {
    this.contacts = contacts;
    this.configs = configs;
  }

  @Override
  public Optional<Contact> get(Caller caller, String contactId) {
    caller.require(Scope.CONTACTS_READ);
    if (contactId == null || contactId.isBlank() || contactId.length() > 64) {
      return Optional.empty();
    }
    return contacts.findById(caller.workspace(), new ContactId(contactId));
  }

  @Override
  public Optional<Contact> findByIdentifier(Caller caller, IdentityType type, String value) {
    caller.require(Scope.CONTACTS_READ);
    String region = configs.current(caller.workspace()).identity().defaultRegion();
    try {
      return contacts.findByIdentifier(
          caller.workspace(), IdentifierNormalizer.normalize(type, value, region, type.wireName()));
    } catch (InvalidIdentifierException e) {
      throw TouchlineException.invalid(e.field(), e.getMessage());
    }
  }
}
