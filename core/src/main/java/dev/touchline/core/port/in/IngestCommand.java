package dev.touchline.core.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to ingest events: one item (a single-event request) or a batch, in order. {@code
 * receipt}: the items were received earlier (the asynchronous path) and their incoming-log entries
 * recorded under these ids; ingesting them moves each entry to its outcome.
 */
public record IngestCommand(List<IngestItem> items, boolean batch, Optional<Receipt> receipt) {
  public IngestCommand {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("items must not be empty");
    }
    if (!batch && items.size() != 1) {
      throw new IllegalArgumentException("a single-event command has exactly one item");
    }
    Objects.requireNonNull(receipt, "receipt");
    if (receipt.isPresent() && receipt.get().incomingIds().size() != items.size()) {
      throw new IllegalArgumentException(
          "a receipt names one incoming id per item: "
              + receipt.get().incomingIds().size()
              + " ids for "
              + items.size()
              + " items");
    }
  }

  public IngestCommand(List<IngestItem> items, boolean batch) {
    this(items, batch, Optional.empty());
  }

  /** When and under which incoming ids the items were received and recorded. */
  public record Receipt(List<String> incomingIds, Instant receivedAt) {
    public Receipt {
      incomingIds = List.copyOf(incomingIds);
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  /** This command, received earlier under these incoming ids. */
  public IngestCommand withReceipt(Receipt value) {
    return new IngestCommand(items, batch, Optional.of(value));
  }

  public static IngestCommand single(IngestItem item) {
    return new IngestCommand(List.of(item), false);
  }

  public static IngestCommand batch(List<IngestItem> items) {
    return new IngestCommand(items, true);
  }

  /** A single-event command for code that builds events directly. */
  public static IngestCommand of(dev.touchline.core.domain.event.EventInput event) {
    return single(new IngestItem.Valid(event));
  }

  /** A batch command for code that builds events directly. */
  public static IngestCommand ofAll(List<dev.touchline.core.domain.event.EventInput> events) {
    return batch(events.stream().<IngestItem>map(IngestItem.Valid::new).toList());
  }
}
