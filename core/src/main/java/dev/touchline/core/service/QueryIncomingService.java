package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.port.in.QueryIncomingUseCase;
import dev.touchline.core.port.out.IncomingLog;
import java.util.Optional;

/** Reads the incoming log for callers with {@code events:read}. */
public final class QueryIncomingService implements QueryIncomingUseCase {
  private final IncomingLog log;

  public QueryIncomingService(IncomingLog log) {
    this.log = log;
  }

  @Override
  public Page<IncomingEntry> list(
      Caller caller, Optional<IncomingStatus> status, PageRequest page) {
    caller.require(Scope.EVENTS_READ);
    return Cursors.translate(() -> log.list(caller.workspace(), status, page));
  }
}
