package dev.touchline.core.inmemory;

import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.IncomingLog;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The incoming log in memory, newest first. */
public final class InMemoryIncomingLog implements IncomingLog {
  private final ConcurrentHashMap<WorkspaceId, ConcurrentSkipListMap<String, IncomingEntry>>
      entries = new ConcurrentHashMap<>();

  @Override
  public void save(IncomingEntry entry) {
    of(entry.workspace()).put(entry.id(), entry);
  }

  @Override
  public Optional<IncomingEntry> findById(WorkspaceId workspace, String id) {
    return Optional.ofNullable(of(workspace).get(id));
  }

  @Override
  public Page<IncomingEntry> list(
      WorkspaceId workspace, Optional<IncomingStatus> status, PageRequest page) {
    return Paging.page(
        of(workspace).descendingMap(),
        "incoming|" + status.map(IncomingStatus::wireName).orElse("*"),
        page,
        e -> status.map(s -> s == e.status()).orElse(true));
  }

  private ConcurrentSkipListMap<String, IncomingEntry> of(WorkspaceId workspace) {
    return entries.computeIfAbsent(workspace, w -> new ConcurrentSkipListMap<>());
  }
}
