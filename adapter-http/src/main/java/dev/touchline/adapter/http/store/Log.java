package dev.touchline.adapter.http.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stores' logger (an interface's fields are public; this keeps it out of the API). */
final class Log {
  static final Logger LOG = LoggerFactory.getLogger(StoreRuntime.class);

  private Log() {}
}
