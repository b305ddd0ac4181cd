package dev.touchline.core.port.out;

/**
 * The store refused the call and nothing of it was written (throttled past retries, a request it
 * does not take). Unlike a plain {@link StorageException}, whose write may have been done with its
 * answer lost (a timeout, a dropped connection), a refusal is known to have changed nothing.
 */
public class StorageRefusedException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageRefusedException(String message) {
    super(message);
  }
}
