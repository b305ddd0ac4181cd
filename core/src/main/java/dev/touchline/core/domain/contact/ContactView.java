package dev.touchline.core.domain.contact;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a contact that conditions read; implemented by stored contacts and working copies.
 */
public interface ContactView {
  Map<String, AttributeValue> attributes();

  Set<String> tags();

  long score();

  Set<String> segments();

  /** The lifecycle stage, once a rule has set one. */
  Optional<String> lifecycle();

  Map<String, EventStats> stats();
}
