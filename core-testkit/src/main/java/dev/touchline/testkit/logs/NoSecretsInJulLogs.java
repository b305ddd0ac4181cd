package dev.touchline.testkit.logs;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the modules that log through {@code java.util.logging} (the Lambda handlers, the MCP
 * servers): every test runs with the root logger at {@code ALL} (the console handlers keep their
 * own level), and every record is searched for a raw key, a key hash or an {@code
 * Authorization}/{@code X-API-Key} value ({@link SecretsFound}); a test after which one was logged
 * fails, naming the logger and the line. Register it for a module's every test class through {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} and {@code
 * junit.jupiter.extensions.autodetection.enabled=true}.
 */
public final class NoSecretsInJulLogs implements BeforeAllCallback, AfterEachCallback {
  private static final SecretsFound FOUND = install();

  @Override
  public void beforeAll(ExtensionContext context) {
    FOUND.drain(); // whatever a previous class left after its last test
  }

  @Override
  public void afterEach(ExtensionContext context) {
    FOUND.assertNone();
  }

  /** The violations logged since the last call, for tests of the guard itself. */
  public static List<String> drain() {
    return FOUND.drain();
  }

  private static SecretsFound install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h.getLevel().intValue() < Level.INFO.intValue()) {
        h.setLevel(Level.INFO);
      }
    }
    SecretsFound found = new SecretsFound();
    Handler guard = new Guard(found);
    guard.setLevel(Level.ALL);
    root.addHandler(guard);
    root.setLevel(Level.ALL);
    return found;
  }

  private static final class Guard extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final SecretsFound found;

    Guard(SecretsFound found) {
      this.found = found;
    }

    @Override
    public void publish(LogRecord record) {
      String message;
      try {
        message = formatter.formatMessage(record);
      } catch (RuntimeException unformattable) {
        message = String.valueOf(record.getMessage());
      }
      found.search(
          record.getLevel().toString(),
          record.getLoggerName(),
          message,
          Stream.iterate(record.getThrown(), t -> t != null, Throwable::getCause)
              .map(Throwable::getMessage));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
