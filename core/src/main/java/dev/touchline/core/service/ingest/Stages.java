package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.service.IdentityResolver;

/** The stages of the pipeline an {@link Attempt} goes through, built once per engine. */
record Stages(
    IngestLimits limits,
    IdentityResolver resolver,
    BatchRunner runner,
    DedupLedger ledger,
    DedupGate dedup,
    ThrottleGate throttles,
    EventCommit commit,
    IncomingRecorder recorder) {}
