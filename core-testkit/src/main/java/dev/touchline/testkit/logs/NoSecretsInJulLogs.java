package dev.touchline.testkit.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the modules that log through {@code java.util.logging} (the Lambda handlers, the queue
 * consumer, the MCP servers): every test runs with the root logger at {@code ALL} (the console
 * handlers keep their own level), and every record is searched for a raw key, a key hash or an
 * {@code Authorization}/{@code X-API-Key} value ({@link Secrets}); a test after which one was
 * logged fails, naming the logger and the line. Register it for a module's every test class through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and {@code
 * junit.jupiter.extensions.autodetection.enabled=true}.
 */
public final class NoSecretsInJulLogs implements BeforeAllCallback, AfterEachCallback {
  private static final Guard GUARD = install();

  @Override
  public void beforeAll(ExtensionContext context) {
    GUARD.drain(); // whatever a previous class left after its last test
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> found = GUARD.drain();
    if (!found.isEmpty()) {
      throw new AssertionError(
          found.size() + " log records carry a secret; the first: " + found.get(0));
    }
  }

  /** The violations logged since the last call, for tests of the guard itself. */
  public static List<String> drain() {
    return GUARD.drain();
  }

  private static Guard install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h.getLevel().intValue() < Level.INFO.intValue()) {
        h.setLevel(Level.INFO);
      }
    }
    Guard guard = new Guard();
    guard.setLevel(Level.ALL);
    root.addHandler(guard);
    root.setLevel(Level.ALL);
    return guard;
  }

  private static final class Guard extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> found = new ArrayList<>();

    @Override
    public void publish(LogRecord record) {
      String message;
      try {
        message = formatter.formatMessage(record);
      } catch (RuntimeException unformattable) {
        message = String.valueOf(record.getMessage());
      }
      Optional<String> secret = Secrets.find(message);
      for (Throwable t = record.getThrown(); secret.isEmpty() && t != null; t = t.getCause()) {
        secret = Secrets.find(t.getMessage());
      }
      if (secret.isPresent()) {
        synchronized (found) {
          found.add(
              secret.get()
                  + " in "
                  + record.getLevel()
                  + " "
                  + record.getLoggerName()
                  + ": "
                  + (message.length() > 300 ? message.substring(0, 300) + "…" : message));
        }
      }
    }

    List<String> drain() {
      synchronized (found) {
        List<String> out = new ArrayList<>(found);
        found.clear();
        return out;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
