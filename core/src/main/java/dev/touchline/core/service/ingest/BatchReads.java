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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;

/**
 * What a batch read before it ran, in a few calls for all its items: the owners of its identifiers,
 * the live claims on its dedup keys, and its contacts. The contacts serve only the first item of
 * each group: nothing in its group has run yet, so the batch-start view is the view it would have
 * read itself; later items of the group read the store, which by then holds what earlier ones
 * wrote. A dedup key found free serves the first item that carries it, wherever it stands in its
 * group: only items carrying the same key could have claimed it since, and none came before.
 * Anything that is not here is read from the store as usual.
 */
final class BatchReads {
  private final Map<Identifier, ContactId> owners;
  private final Map<String, DedupClaim> claims;
  private final Map<ContactId, Contact> contacts;

  /** The index of the first item carrying each key read. */
  private final Map<String, Integer> firstCarrier;

  private BatchReads(
      Map<Identifier, ContactId> owners,
      Map<String, Integer> firstCarrier,
      Map<String, DedupClaim> claims,
      Map<ContactId, Contact> contacts) {
    this.owners = owners;
    this.firstCarrier = firstCarrier;
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
    Map<String, Integer> firstCarrier = new LinkedHashMap<>();
    Set<ContactId> ids = new LinkedHashSet<>(owners.values());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof IngestItem.Valid valid) {
        int index = i;
        DedupGate.keys(config, valid.input())
            .forEach(k -> firstCarrier.putIfAbsent(k.key().stored(), index));
        valid
            .input()
            .customer()
            .map(String::strip)
            .filter(c -> !c.isBlank() && c.length() <= 64)
            .ifPresent(c -> ids.add(new ContactId(c)));
      }
    }
    Set<String> keys = firstCarrier.keySet();
    FutureTask<Map<String, DedupClaim>> claims =
        runner.fork(() -> keys.isEmpty() ? Map.of() : ledger.findAll(workspace, keys, now));
    Map<ContactId, Contact> found =
        ids.isEmpty() ? Map.of() : contactRepository.findByIds(workspace, ids);
    return new BatchReads(owners, firstCarrier, BatchRunner.join(claims), found);
  }

  /** What the item at {@code index} may take from these reads. */
  View forItem(int index, boolean leader) {
    return new View(index, leader);
  }

  /** The batch's reads as one item sees them. */
  final class View {
    private final int index;
    private final boolean leader;

    private View(int index, boolean leader) {
      this.index = index;
      this.leader = leader;
    }

    /**
     * Whether the batch found this key free and this item is the first to carry it, so it is still
     * free (but for writers outside the batch, whom the conditional claim catches).
     */
    boolean free(String key) {
      Integer first = firstCarrier.get(key);
      return first != null && first == index && !claims.containsKey(key);
    }

    /** For the first item of a group, the contact it names as the batch found it; else empty. */
    Optional<Optional<IdentityResolver.Match>> lookup(
        Optional<ContactId> customer, List<Identifier> identifiers) {
      return leader ? BatchReads.this.lookup(customer, identifiers) : Optional.empty();
    }
  }

  /**
   * The contact an event names, as the batch found it: by customer id, else by the first of its
   * identifiers some contact owns (the resolver's order). Empty when the batch's reads cannot
   * answer (the caller then reads the store).
   */
  private Optional<Optional<IdentityResolver.Match>> lookup(
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
