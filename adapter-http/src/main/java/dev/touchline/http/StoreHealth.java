package dev.touchline.http;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} reports the store: DOWN when its table cannot be reached. */
@Singleton
final class StoreHealth extends AbstractHealthIndicator<Map<String, Object>> {
  private final StoreRuntime store;

  StoreHealth(StoreRuntime store) {
    this.store = store;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.kind().name().toLowerCase(java.util.Locale.ROOT));
    store.tableName().ifPresent(t -> details.put("table", t));
    try {
      healthStatus = store.reachable() ? HealthStatus.UP : HealthStatus.DOWN;
    } catch (RuntimeException e) {
      healthStatus = HealthStatus.DOWN;
      details.put("error", e.getMessage());
    }
    return details;
  }

  @Override
  protected String getName() {
    return "store";
  }
}
