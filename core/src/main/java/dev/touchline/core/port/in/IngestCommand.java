package dev.touchline.core.port.in;

import java.util.List;

/** A request to ingest events: one item (a single-event request) or a batch, in order. */
public record IngestCommand(List<IngestItem> items, boolean batch) {
  public IngestCommand {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("items must not be empty");
    }
    if (!batch && items.size() != 1) {
      throw new IllegalArgumentException("a single-event command has exactly one item");
    }
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
