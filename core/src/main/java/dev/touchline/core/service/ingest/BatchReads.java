package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.service.IdentityResolver;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;

/**
 * What a batch read before it ran, in a few calls for all its items: the owners of its identifiers,
 * the live claims on its dedup keys, and its contacts. Only the first item of each group uses it:
 * nothing in its group has run yet, so the batch-start view is the view it would have read itself;
 * later items of the group read the store, which by then holds what earlier ones wrote. Anything
 * that is not here is read from the store as usual.
 */
final class BatchReads {
  private final Map<Identifier, ContactId> owners;
  private final Set<String> readKeys;
  private final Map<String, DedupClaim> claims;
  private final Map<ContactId, Contact> contacts;

  private BatchReads(
      Map<Identifier, ContactId> owners,
      Set<String> readKeys,
      Map<String, DedupClaim> claims,
      Map<ContactId, Contact> contacts) {
    this.owners = owners;
    this.readKeys = readKeys;
    this.claims = claims;
    this.contacts = contacts;
  }

  /**
   * Reads the live claims on the batch's dedup keys and the contacts its identifiers and customer
   * ids name (at the same time, when the runner has helpers).
   */
  static BatchReads of(
      WorkspaceId workspace,
      WorkspaceConfig config,
      List<IngestItem> items,
      Map<Identifier, ContactId> owners,
      DedupLedger ledger,
      ContactRepository contactRepository,
      BatchRunner runner,
      Instant now) {
    Set<String> keys = new LinkedHashSet<>();
    Set<ContactId> ids = new LinkedHashSet<>(owners.values());
    for (IngestItem item : items) {
      if (item instanceof IngestItem.Valid valid) {
        DedupGate.keys(config, valid.input()).forEach(k -> keys.add(k.key().stored()));
        valid
            .input()
            .customer()
            .map(String::strip)
            .filter(c -> !c.isBlank() && c.length() <= 64)
            .ifPresent(c -> ids.add(new ContactId(c)));
      }
    }
    FutureTask<Map<String, DedupClaim>> claims =
        runner.fork(() -> keys.isEmpty() ? Map.of() : ledger.findAll(workspace, keys, now));
    Map<ContactId, Contact> found =
        ids.isEmpty() ? Map.of() : contactRepository.findByIds(workspace, ids);
    return new BatchReads(owners, keys, BatchRunner.join(claims), found);
  }

  /** Whether the batch read this key and found no live claim on it. */
  boolean free(String key) {
    return readKeys.contains(key) && !claims.containsKey(key);
  }

  /**
   * The contact an event names, as the batch found it: by customer id, else by the first of its
   * identifiers some contact owns (the resolver's order). Empty when the batch's reads cannot
   * answer (the caller then reads the store).
   */
  Optional<Optional<IdentityResolver.Match>> lookup(
      Optional<ContactId> customer, List<Identifier> identifiers) {
    if (customer.isPresent()) {
      Contact contact = contacts.get(customer.get());
      return contact == null
          ? Optional.empty()
          : Optional.of(Optional.of(new IdentityResolver.Match(contact, Resolution.CUSTOMER)));
    }
    for (Identifier id : identifiers) {
      ContactId owner = owners.get(id);
      if (owner != null) {
        Contact contact = contacts.get(owner);
        return contact == null
            ? Optional.empty()
            : Optional.of(
                Optional.of(new IdentityResolver.Match(contact, Resolution.of(id.type()))));
      }
    }
    return Optional.of(Optional.empty()); // nobody owned any of them when the batch started
  }
}
