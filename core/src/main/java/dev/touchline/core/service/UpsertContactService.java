package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.workspace.UnknownContactPolicy;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.port.in.UpsertContactUseCase;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.service.ingest.EventValidation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Creates or updates a contact by identity, for callers with {@code contacts:write}. */
public final class UpsertContactService implements UpsertContactUseCase {

  private final ContactRepository contacts;
  private final WorkspaceConfigs configs;
  private final IdentityResolver resolver;
  private final Clock clock;

  public UpsertContactService(
      ContactRepository contacts, WorkspaceConfigs configs, Ulids ids, Clock clock) {
    this.contacts = contacts;
    this.configs = configs;
    this.resolver = new IdentityResolver(contacts, ids);
    this.clock = clock;
  }

  @Override
  public UpsertResult upsert(Caller caller, Command command) {
    caller.require(Scope.CONTACTS_WRITE);
    WorkspaceConfig config = configs.current(caller.workspace());
    List<Identifier> identifiers;
    try {
      identifiers =
          IdentityResolver.normalize(
              command.email(),
              command.phone(),
              command.externalId(),
              config.identity().defaultRegion());
    } catch (InvalidIdentifierException e) {
      throw TouchlineException.invalid(e.field(), e.getMessage());
    }
    if (identifiers.isEmpty()) {
      throw TouchlineException.invalid(
          "email", "a contact needs at least one of email, phone, externalId");
    }
    EventValidation.attributeProblem(command.attributes(), "attributes")
        .ifPresent(
            refused -> {
              throw TouchlineException.invalid(refused.field().orElse(null), refused.message());
            });
    Instant now = clock.instant();
    IdentityResolver.Resolved resolved =
        (IdentityResolver.Resolved)
            resolver.resolve(
                caller.workspace(),
                Optional.empty(),
                identifiers,
                UnknownContactPolicy.CREATE,
                now,
                Optional.empty());
    Contact stored =
        ContactUpdates.withRetries(
            contacts,
            caller.workspace(),
            resolved.withAttached(),
            resolved.attach(),
            current -> {
              Contact.Builder b = current.toBuilder();
              command.attributes().fields().forEach(b::setAttribute);
              return contacts.update(current, b.build(clock.instant()));
            });
    return new UpsertResult(
        stored, resolved.created(), resolved.resolution(), resolved.conflicts());
  }
}
