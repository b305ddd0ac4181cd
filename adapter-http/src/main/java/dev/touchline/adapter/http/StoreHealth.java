package dev.touchline.adapter.http;

import dev.touchline.adapter.http.store.StoreRuntime;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /health} reports the store: DOWN when its table cannot be reached. */
@Singleton
final class StoreHealth extends AbstractHealthIndicator<Map<String, Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
  private final StoreRuntime store;

  StoreHealth(StoreRuntime store) {
    this.store = store;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.kind());
    store.tableName().ifPresent(t -> details.put("table", t));
    try {
      healthStatus = store.reachable() ? HealthStatus.UP : HealthStatus.DOWN;
    } catch (RuntimeException e) {
      healthStatus = HealthStatus.DOWN;
      // /health answers without a key: the cause goes to the log, not to the answer.
      LOG.warn("the store's table cannot be reached", e);
      details.put("error", "the store's table cannot be reached; see the server log");
    }
    return details;
  }

  @Override
  protected String getName() {
    return "store";
  }
}
