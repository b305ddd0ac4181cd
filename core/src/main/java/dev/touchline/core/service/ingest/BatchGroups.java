package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.dedup.DedupKey;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.service.IdentityResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a batch into groups that can be worked at once with the results of working the items one
 * by one in batch order. Two items share a group when they share, directly or through other items,
 * anything one of them could change for the other: a customer id, a normalised identifier, a
 * messageId, a business key, or a contact (an identifier's owner, read for the whole batch in one
 * call before it runs). A contact created by an item carries that item's identifiers, so later
 * items naming any of them are in its group; throttle slots are per contact, so they are covered
 * too. Items refused before they reach the pipeline share nothing. Groups come in the order of
 * their first item, each in batch order.
 */
final class BatchGroups {
  private BatchGroups() {}

  /**
   * The groups, and what was found on the way: the owners of the batch's identifiers, and each
   * item's normalised identifiers (empty for an item refused before the pipeline or naming a
   * malformed one), so that validation does not normalise them again.
   */
  record Plan(
      List<int[]> groups,
      Map<Identifier, ContactId> owners,
      List<Optional<List<Identifier>>> identifiers) {}

  static Plan of(
      WorkspaceId workspace,
      WorkspaceConfig config,
      List<IngestItem> items,
      ContactRepository contacts) {
    List<Set<String>> keys = new ArrayList<>(items.size());
    List<Optional<List<Identifier>>> normalized = new ArrayList<>(items.size());
    Map<Identifier, List<Integer>> named = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Set<String> own = new LinkedHashSet<>();
      Optional<List<Identifier>> identifiers = Optional.empty();
      if (items.get(i) instanceof IngestItem.Valid valid) {
        EventInput input = valid.input();
        input.messageId().ifPresent(m -> own.add(new DedupKey.MessageId(m).stored()));
        input.customer().ifPresent(c -> own.add("c:" + c.strip()));
        for (DedupGate.PreKey key : DedupGate.businessKeys(config, input)) {
          own.add(key.key().stored());
        }
        identifiers = identifiers(input, config);
        for (Identifier identifier : identifiers.orElse(List.of())) {
          own.add("i:" + identifier.key());
          named.computeIfAbsent(identifier, k -> new ArrayList<>()).add(i);
        }
      }
      keys.add(own);
      normalized.add(identifiers);
    }
    Map<Identifier, ContactId> owners =
        named.isEmpty() ? Map.of() : contacts.owners(workspace, named.keySet());
    for (Map.Entry<Identifier, ContactId> owner : owners.entrySet()) {
      for (int i : named.get(owner.getKey())) {
        keys.get(i).add("c:" + owner.getValue().value());
      }
    }
    return new Plan(groups(keys), owners, normalized);
  }

  /** The identifiers an item names; empty when one of them is malformed (it will be refused). */
  private static Optional<List<Identifier>> identifiers(EventInput input, WorkspaceConfig config) {
    try {
      return Optional.of(
          IdentityResolver.normalize(
              input.email(), input.phone(), input.externalId(), config.identity().defaultRegion()));
    } catch (InvalidIdentifierException refused) {
      return Optional.empty();
    }
  }

  /** Union-find over the items by shared key; groups in order of their first item. */
  static List<int[]> groups(List<Set<String>> keys) {
    int[] parent = new int[keys.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> firstWithKey = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      for (String key : keys.get(i)) {
        Integer first = firstWithKey.putIfAbsent(key, i);
        if (first != null) {
          union(parent, first, i);
        }
      }
    }
    Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
    for (int i = 0; i < parent.length; i++) {
      byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
    }
    List<int[]> groups = new ArrayList<>(byRoot.size());
    for (List<Integer> members : byRoot.values()) {
      groups.add(members.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
