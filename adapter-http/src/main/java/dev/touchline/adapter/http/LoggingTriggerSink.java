package dev.touchline.adapter.http;

import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each fired trigger (they are also stored by the engine). The server's default sink until a
 * workflow runner is configured.
 */
final class LoggingTriggerSink implements TriggerSink {
  private static final Logger LOG = LoggerFactory.getLogger("dev.touchline.triggers");

  @Override
  public void deliver(Trigger trigger) {
    LOG.info(
        "trigger {} workflow={} workspace={} contact={} event={} ({})",
        trigger.id(),
        trigger.workflow(),
        trigger.workspace(),
        trigger.contactId().value(),
        trigger.eventId().value(),
        trigger.cause());
  }
}
