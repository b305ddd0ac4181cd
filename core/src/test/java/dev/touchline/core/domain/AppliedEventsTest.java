package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The events a contact remembers as applied: the greatest ids, whatever the order they were applied
 * in, so that an applied event it no longer remembers is always older than all it does (what the
 * dedup gate relies on to answer a late redelivery as a duplicate instead of applying it again).
 */
class AppliedEventsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static EventId id(int n) {
    return new EventId(String.format("01M8%022d", n));
  }

  @Test
  void appliedOutOfOrder_theGreatestTenAreKept_ascending() {
    List<Integer> order = new ArrayList<>();
    for (int n = 1; n <= 25; n++) {
      order.add(n);
    }
    Collections.shuffle(order, new Random(3));
    Contact contact =
        Contact.create(new WorkspaceId("ws"), new ContactId("c1"), Identities.NONE, NOW);

    List<EventId> applied = new ArrayList<>();
    for (int n : order) {
      contact = contact.toBuilder().markApplied(id(n)).build(NOW);
      applied.add(id(n));
      List<EventId> kept = contact.appliedEvents();
      for (EventId e : applied) {
        assertThat(kept.contains(e) || e.compareTo(kept.get(0)) < 0)
            .as("%s is remembered or older than all remembered (%s)", e, kept)
            .isTrue();
      }
    }

    List<EventId> expected = new ArrayList<>();
    for (int n = 16; n <= 25; n++) {
      expected.add(id(n));
    }
    assertThat(contact.appliedEvents()).containsExactlyElementsOf(expected);
  }

  @Test
  void anEventAppliedTwiceIsRememberedOnce() {
    Contact contact =
        Contact.create(new WorkspaceId("ws"), new ContactId("c1"), Identities.NONE, NOW).toBuilder()
            .markApplied(id(2))
            .markApplied(id(1))
            .markApplied(id(2))
            .build(NOW);

    assertThat(contact.appliedEvents()).containsExactly(id(1), id(2));
  }
}
