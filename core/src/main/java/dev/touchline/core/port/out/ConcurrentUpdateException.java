package dev.touchline.core.port.out;

/**
 * An optimistic write lost: the stored version was not the one the caller read. Re-read and retry.
 */
public class ConcurrentUpdateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String message) {
    super(message);
  }
}
