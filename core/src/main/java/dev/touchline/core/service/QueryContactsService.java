package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.port.in.QueryContactsUseCase;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ContactRepository;
import java.util.Optional;

/** Reads contacts for callers with {@code contacts:read}. */
public final class QueryContactsService implements QueryContactsUseCase {
  private final ContactRepository contacts;
  private final AudienceIndex audiences;
  private final WorkspaceConfigs configs;

  public QueryContactsService(
      ContactRepository contacts, AudienceIndex audiences, WorkspaceConfigs configs) {
    this.contacts = contacts;
    this.audiences = audiences;
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

  @Override
  public Page<Contact> list(Caller caller, Audience audience, PageRequest page) {
    caller.require(Scope.CONTACTS_READ);
    WorkspaceConfig config = configs.current(caller.workspace());
    if (audience instanceof Audience.InSegment && !config.hasSegment(audience.name())) {
      throw new TouchlineException(
          ErrorCode.NOT_FOUND,
          "no segment " + Excerpt.quoted(audience.name()) + " in this workspace's configuration");
    }
    if (audience instanceof Audience.AtStage && !config.lifecycle().contains(audience.name())) {
      throw TouchlineException.invalid(
          "lifecycle",
          "lifecycle must be one of this workspace's stages: "
              + String.join(", ", config.lifecycle().order()));
    }
    return Cursors.translate(() -> audiences.members(caller.workspace(), audience, page));
  }
}
