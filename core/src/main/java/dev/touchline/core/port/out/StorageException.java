package dev.touchline.core.port.out;

/**
 * The store failed (unreachable, throttled past retries, corrupt data); the operation may be
 * retried.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
