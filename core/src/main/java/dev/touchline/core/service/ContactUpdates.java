package dev.touchline.core.service;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.StorageException;
import java.util.List;

/**
 * The optimistic read-modify-write of one contact, written once for every service: run the change
 * on the contact as last read; when the store reports a concurrent update, back off, read the
 * contact again (with the identifiers being attached to it) and run the change again.
 */
public final class ContactUpdates {
  private ContactUpdates() {}

  /** One try of a change; it writes with {@link ContactRepository#update}. */
  @FunctionalInterface
  public interface Change<T> {
    /**
     * @throws ConcurrentUpdateException when another writer changed the contact first
     */
    T apply(Contact current);
  }

  /**
   * The change's result, once it went through.
   *
   * @throws StorageException when the contact kept changing ({@link ContentionBackoff#MAX_ATTEMPTS}
   *     tries) or disappeared
   */
  public static <T> T withRetries(
      ContactRepository contacts,
      WorkspaceId workspace,
      Contact start,
      List<Identifier> attaching,
      Change<T> change) {
    Contact current = start;
    for (int attempt = 0; ; attempt++) {
      try {
        return change.apply(current);
      } catch (ConcurrentUpdateException e) {
        if (attempt + 1 >= ContentionBackoff.MAX_ATTEMPTS) {
          throw new StorageException(
              "contact "
                  + current.id()
                  + " kept changing; gave up after "
                  + ContentionBackoff.MAX_ATTEMPTS
                  + " attempts");
        }
        ContentionBackoff.pause(attempt);
        Contact reloaded =
            contacts
                .findById(workspace, current.id())
                .orElseThrow(() -> new StorageException("contact disappeared during update"));
        current = IdentityResolver.withIdentifiers(reloaded, attaching);
      }
    }
  }
}
