package dev.touchline.core.domain.event;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** A timeline listing: one contact's events, or the workspace's, optionally of one type. */
public record EventQuery(
    WorkspaceId workspace, Optional<ContactId> contactId, Optional<String> type, PageRequest page) {
  public EventQuery {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(page, "page");
  }
}
