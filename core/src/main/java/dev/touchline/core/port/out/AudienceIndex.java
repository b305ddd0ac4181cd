package dev.touchline.core.port.out;

import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;

/**
 * Who is in a segment, holds a tag or stands at a lifecycle stage, kept by the contact store as it
 * stores contacts ({@link ContactRepository#create} and {@link ContactRepository#update}), so a
 * listing is exact: a contact is listed exactly when its stored state belongs to the audience. All
 * methods may throw {@link StorageException}.
 */
public interface AudienceIndex {

  /**
   * The workspace's contacts in the audience, ordered by contact id, a page at a time.
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException for a cursor of another listing
   */
  Page<Contact> members(WorkspaceId workspace, Audience audience, PageRequest page);
}
