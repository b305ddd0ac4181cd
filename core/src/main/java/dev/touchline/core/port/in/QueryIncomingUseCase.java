package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import java.util.Optional;

/** Reads the incoming log (scope {@code events:read}). */
public interface QueryIncomingUseCase {

  /** Entries newest first, only those with {@code status} when given. */
  Page<IncomingEntry> list(Caller caller, Optional<IncomingStatus> status, PageRequest page);
}
