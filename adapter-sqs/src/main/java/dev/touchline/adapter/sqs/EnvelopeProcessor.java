package dev.touchline.adapter.sqs;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.wire.EventRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ingests one queue message: reads the envelope, checks its workspace, decodes its payload with the
 * API's decoder and limits, gives items without a messageId a stable one, and says what should
 * become of the message. Used by {@link SqsConsumer} and by the Lambda SQS handler alike.
 */
public final class EnvelopeProcessor {
  private static final Logger LOG = Logger.getLogger(EnvelopeProcessor.class.getName());

  /** How much of a poison message's body its incoming-log entry keeps. */
  static final int POISON_PAYLOAD_CHARS = 1024;

  /** What should become of a message. */
  public enum Result {
    /** Every item has its answer (accepted, duplicate, refused or discarded): delete it. */
    DONE,
    /** It can never be ingested; recorded in the incoming log: delete it. */
    POISON,
    /**
     * An item failed for a reason that may pass (the store unavailable or throttled), or its first
     * attempt may still be running: leave it on the queue, so SQS delivers it again and, after the
     * queue's receive count, moves it to the dead-letter queue. Items already done are duplicates
     * then, so nothing is applied twice.
     */
    RETRY,
    /**
     * Another delivery of the same events is still being worked (a duplicate in flight): leave it
     * on the queue, to be looked at again shortly; by then that delivery has finished and this one
     * is answered as a duplicate, or it stopped and this one finishes it.
     */
    WAIT
  }

  /** Told of every envelope ingested and what became of its events (metrics, tracing, tests). */
  public interface Listener {
    Listener NONE = (envelope, result) -> {};

    void ingested(Envelope envelope, IngestResult result);
  }

  private final Touchline engine;
  private final EventRequestDecoder decoder;
  private volatile Listener listener = Listener.NONE;
  private final Set<WorkspaceId> workspaces;
  private final WorkspaceId logWorkspace;
  private final int maxMessageBytes;

  /**
   * @param workspaces the workspaces whose envelopes this processor ingests: whoever may send to
   *     the queue may write into them, and into no other
   * @param logWorkspace where a message that names no served workspace is recorded
   * @param maxMessageBytes the longest message body read
   */
  public EnvelopeProcessor(
      Touchline engine,
      Set<WorkspaceId> workspaces,
      WorkspaceId logWorkspace,
      int maxMessageBytes) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.workspaces = Set.copyOf(workspaces);
    if (this.workspaces.isEmpty()) {
      throw new IllegalArgumentException("workspaces: at least one workspace must be served");
    }
    this.logWorkspace = Objects.requireNonNull(logWorkspace, "logWorkspace");
    this.maxMessageBytes = maxMessageBytes;
    this.decoder = new EventRequestDecoder(engine.limits());
  }

  /** Sets who is told of each envelope ingested (none by default). */
  public void listener(Listener value) {
    this.listener = java.util.Objects.requireNonNull(value, "listener");
  }

  /** Ingests a message body and says whether to delete it or leave it for redelivery. */
  public Result process(String body) {
    Envelope envelope;
    try {
      envelope = Envelope.read(body, maxMessageBytes);
      if (!workspaces.contains(envelope.workspace())) {
        throw new PoisonMessage(
            "workspace "
                + Excerpt.quoted(envelope.workspace().value())
                + " is not served by this consumer",
            "workspace",
            Optional.empty());
      }
    } catch (PoisonMessage poison) {
      return record(
          poison.workspace().filter(workspaces::contains).orElse(logWorkspace),
          poison.getMessage(),
          poison.field(),
          body);
    }
    IngestCommand command;
    try {
      command =
          decoder.decode(envelope.payload().getBytes(StandardCharsets.UTF_8), Optional.empty());
    } catch (TouchlineException refused) {
      return record(
          envelope.workspace(),
          "the envelope's payload was refused: " + refused.getMessage(),
          Optional.of("payload" + refused.field().map(f -> "." + f).orElse("")),
          body);
    }
    if (envelope.incomingIds().isPresent()) {
      List<String> ids = envelope.incomingIds().get();
      if (ids.size() != command.items().size()) {
        return record(
            envelope.workspace(),
            "incomingIds names "
                + ids.size()
                + " entries for a payload of "
                + command.items().size()
                + " events",
            Optional.of("incomingIds"),
            body);
      }
      command = command.withReceipt(new IngestCommand.Receipt(ids, envelope.receivedAt()));
    }
    IngestResult result;
    try {
      result =
          engine
              .ingest()
              .ingest(
                  Caller.trusted(envelope.workspace()), stableIds(command, envelope.incomingId()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "envelope " + envelope.incomingId() + " failed; it stays on the queue for redelivery",
          e);
      return Result.RETRY;
    }
    try {
      listener.ingested(envelope, result);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the envelope listener failed", e);
    }
    Result verdict = Result.DONE;
    for (IngestOutcome outcome : result.outcomes()) {
      if (outcome instanceof IngestOutcome.Rejected r && r.code() == ErrorCode.INTERNAL_ERROR) {
        return Result.RETRY;
      }
      if (outcome instanceof IngestOutcome.Duplicate d && d.inFlight()) {
        verdict = Result.WAIT;
      }
    }
    return verdict;
  }

  /**
   * Items without a messageId get {@code <incomingId>-<index>}: the same at every delivery of the
   * envelope, so a redelivery is a duplicate instead of a second event.
   */
  static IngestCommand stableIds(IngestCommand command, String incomingId) {
    List<IngestItem> items = new ArrayList<>(command.items().size());
    for (int i = 0; i < command.items().size(); i++) {
      IngestItem item = command.items().get(i);
      if (item instanceof IngestItem.Valid valid && valid.input().messageId().isEmpty()) {
        EventInput named = valid.input().withMessageId(incomingId + "-" + i);
        items.add(new IngestItem.Valid(named, true));
      } else {
        items.add(item);
      }
    }
    return new IngestCommand(items, command.batch(), command.receipt());
  }

  /** Records a poison message in the incoming log; if even that fails, leaves it on the queue. */
  private Result record(
      WorkspaceId workspace, String message, Optional<String> field, String body) {
    String kept =
        body.length() <= POISON_PAYLOAD_CHARS ? body : body.substring(0, POISON_PAYLOAD_CHARS);
    try {
      engine
          .ingest()
          .ingest(
              Caller.trusted(workspace),
              IngestCommand.single(
                  new IngestItem.Invalid(ErrorCode.INVALID_PAYLOAD, message, field, kept)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not record a poison message; it stays on the queue", e);
      return Result.RETRY;
    }
    LOG.warning("poison message recorded in the incoming log of " + workspace + ": " + message);
    return Result.POISON;
  }
}
