package dev.touchline.core.port.out;

/**
 * The store failed (unreachable, timed out, corrupt data); the operation may be retried. A write
 * that failed this way may have been done, its answer lost; {@link StorageRefusedException} says
 * that nothing was written.
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
