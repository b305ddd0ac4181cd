package dev.touchline.adapter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import dev.touchline.testkit.logs.SecretsFound;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Every test of this module runs with the server's own {@code logback.xml} and the root logger at
 * {@code TRACE} (the console still shows {@code INFO} and above), and every log event of every
 * server, consumer and MCP endpoint the suite starts is searched for a raw key, a key hash or an
 * {@code Authorization}/{@code X-API-Key} value ({@link SecretsFound}); a test after which one was
 * logged fails, naming the logger and the line. Registered for every test class through {@code
 * META-INF/services} (extension autodetection, {@code junit-platform.properties}).
 */
public final class NoSecretsInLogs implements BeforeAllCallback, AfterEachCallback {
  /**
   * Loggers of what only the tests run, not the server: DynamoDB Local's and ElasticMQ's HTTP
   * servers (the tests' stand-ins for AWS, which log the requests they receive, signatures and all)
   * and ArchUnit (which logs the methods it reads, {@code authorization()} among them).
   */
  private static final List<String> TEST_INFRASTRUCTURE =
      List.of("org.eclipse.jetty.", "org.elasticmq.", "org.apache.pekko.", "com.tngtech.archunit.");

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
  static List<String> drain() {
    return FOUND.drain();
  }

  private static SecretsFound install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> console = it.next();
      ThresholdFilter info = new ThresholdFilter();
      info.setLevel("INFO");
      info.start();
      console.addFilter(info);
    }
    SecretsFound found = new SecretsFound();
    Guard guard = new Guard(found);
    guard.setContext(context);
    guard.start();
    root.addAppender(guard);
    root.setLevel(Level.TRACE);
    return found;
  }

  /** Searches each event: its message, its MDC and its exceptions. */
  private static final class Guard extends AppenderBase<ILoggingEvent> {
    private final SecretsFound found;

    Guard(SecretsFound found) {
      this.found = found;
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (TEST_INFRASTRUCTURE.stream().anyMatch(event.getLoggerName()::startsWith)) {
        return;
      }
      found.search(
          event.getLevel().toString(),
          event.getLoggerName(),
          event.getFormattedMessage(),
          Stream.concat(
              event.getMDCPropertyMap().values().stream(),
              Stream.iterate(event.getThrowableProxy(), t -> t != null, IThrowableProxy::getCause)
                  .map(IThrowableProxy::getMessage)));
    }
  }
}
