package dev.touchline.adapter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import dev.touchline.testkit.logs.Secrets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Every test of this module runs with the server's own {@code logback.xml} and the root logger at
 * {@code TRACE} (the console still shows {@code INFO} and above), and every log event of every
 * server, consumer and MCP endpoint the suite starts is searched for a raw key, a key hash or an
 * {@code Authorization}/{@code X-API-Key} value ({@link Secrets}); a test after which one was
 * logged fails, naming the logger and the line. Registered for every test class through {@code
 * META-INF/services} (extension autodetection, {@code junit-platform.properties}).
 */
public final class NoSecretsInLogs implements BeforeAllCallback, AfterEachCallback {
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
          found.size() + " log events carry a secret; the first: " + found.get(0));
    }
  }

  /** The violations logged since the last call, for tests of the guard itself. */
  static List<String> drain() {
    return GUARD.drain();
  }

  private static Guard install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> console = it.next();
      ThresholdFilter info = new ThresholdFilter();
      info.setLevel("INFO");
      info.start();
      console.addFilter(info);
    }
    Guard guard = new Guard();
    guard.setContext(context);
    guard.start();
    root.addAppender(guard);
    root.setLevel(Level.TRACE);
    return guard;
  }

  /**
   * Loggers of what only the tests run, not the server: DynamoDB Local's and ElasticMQ's HTTP
   * servers (the tests' stand-ins for AWS, which log the requests they receive, signatures and all)
   * and ArchUnit (which logs the methods it reads, {@code authorization()} among them).
   */
  private static final List<String> TEST_INFRASTRUCTURE =
      List.of("org.eclipse.jetty.", "org.elasticmq.", "org.apache.pekko.", "com.tngtech.archunit.");

  /** Searches each event: its message, its arguments' rendering, its MDC and its exceptions. */
  private static final class Guard extends AppenderBase<ILoggingEvent> {
    private final List<String> found = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      if (TEST_INFRASTRUCTURE.stream().anyMatch(event.getLoggerName()::startsWith)) {
        return;
      }
      Optional<String> secret = Secrets.find(event.getFormattedMessage());
      if (secret.isEmpty()) {
        secret =
            event.getMDCPropertyMap().values().stream()
                .map(Secrets::find)
                .flatMap(Optional::stream)
                .findFirst();
      }
      for (IThrowableProxy t = event.getThrowableProxy();
          secret.isEmpty() && t != null;
          t = t.getCause()) {
        secret = Secrets.find(t.getMessage());
      }
      if (secret.isPresent()) {
        String line = event.getFormattedMessage();
        synchronized (found) {
          found.add(
              secret.get()
                  + " in "
                  + event.getLevel()
                  + " "
                  + event.getLoggerName()
                  + ": "
                  + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
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
  }
}
