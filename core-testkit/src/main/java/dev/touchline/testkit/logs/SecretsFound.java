package dev.touchline.testkit.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a log guard found: each log event is searched ({@link Secrets}) as it is logged, and a test
 * fails after the events that carried a secret. Shared by the guards of every logging system.
 */
public final class SecretsFound {
  private final List<String> found = new ArrayList<>();

  /**
   * Searches one log event: its message, then {@code more} (its exceptions' messages, its MDC), and
   * keeps the first secret found with the event's level, logger and message.
   */
  public void search(String level, String logger, String message, Stream<String> more) {
    Optional<String> secret =
        Stream.concat(Stream.of(message), more)
            .map(Secrets::find)
            .flatMap(Optional::stream)
            .findFirst();
    if (secret.isPresent()) {
      String line = String.valueOf(message);
      synchronized (found) {
        found.add(
            secret.get()
                + " in "
                + level
                + " "
                + logger
                + ": "
                + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
      }
    }
  }

  /** What was found since the last call, forgotten. */
  public List<String> drain() {
    synchronized (found) {
      List<String> out = new ArrayList<>(found);
      found.clear();
      return out;
    }
  }

  /** Fails when anything was found since the last call. */
  public void assertNone() {
    List<String> since = drain();
    if (!since.isEmpty()) {
      throw new AssertionError(
          since.size() + " log events carry a secret; the first: " + since.get(0));
    }
  }
}
