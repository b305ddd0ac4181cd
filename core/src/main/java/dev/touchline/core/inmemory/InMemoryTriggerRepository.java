package dev.touchline.core.inmemory;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.TriggerRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Fired triggers in memory, recorded once per id. */
public final class InMemoryTriggerRepository implements TriggerRepository {
  private record Key(WorkspaceId workspace, String id) {}

  private final ConcurrentHashMap<Key, Recorded> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, ConcurrentSkipListMap<String, Trigger>> byContact =
      new ConcurrentHashMap<>();

  @Override
  public boolean recordOnce(Trigger trigger) {
    if (byId.putIfAbsent(new Key(trigger.workspace(), trigger.id()), new Recorded(trigger, false))
        != null) {
      return false;
    }
    byContact
        .computeIfAbsent(
            new Key(trigger.workspace(), trigger.contactId().value()),
            k -> new ConcurrentSkipListMap<>())
        .put(trigger.eventId().value() + "|" + trigger.id(), trigger);
    return true;
  }

  @Override
  public void markDelivered(WorkspaceId workspace, String triggerId) {
    byId.computeIfPresent(new Key(workspace, triggerId), (k, r) -> new Recorded(r.trigger(), true));
  }

  @Override
  public Optional<Recorded> findById(WorkspaceId workspace, String triggerId) {
    return Optional.ofNullable(byId.get(new Key(workspace, triggerId)));
  }

  @Override
  public Page<Trigger> listByContact(WorkspaceId workspace, ContactId contactId, PageRequest page) {
    ConcurrentSkipListMap<String, Trigger> source =
        byContact.getOrDefault(
            new Key(workspace, contactId.value()), new ConcurrentSkipListMap<>());
    return Paging.page(source, "triggers|" + contactId.value(), page, t -> true);
  }
}
