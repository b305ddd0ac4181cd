package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.EventRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventRepository} must do. Subclasses supply only {@link #repository()}. */
public abstract class EventRepositoryContract {
  protected EventRepository events;
  protected WorkspaceId ws;

  protected abstract EventRepository repository();

  @BeforeEach
  void setUp() {
    events = repository();
    ws = Fixtures.workspace();
  }

  @Test
  void append_thenFindById_roundTripsEveryField() {
    Event e = Fixtures.event(ws, Fixtures.contactId(), "purchase");
    events.append(e);
    assertThat(events.findById(ws, e.id())).contains(e);
    assertThat(events.findById(Fixtures.workspace(), e.id())).isEmpty();
  }

  @Test
  void timeline_isNewestFirst_andPagesWithoutGapsOrRepeats() {
    ContactId contact = Fixtures.contactId();
    List<Event> appended = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Event e = Fixtures.event(ws, contact, i % 2 == 0 ? "page_viewed" : "purchase");
      events.append(e);
      appended.add(e);
    }
    events.append(Fixtures.event(ws, Fixtures.contactId(), "page_viewed")); // another contact

    List<EventId> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(10);
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      Page<Event> p =
          events.query(new EventQuery(ws, Optional.of(contact), Optional.empty(), page));
      sizes.add(p.items().size());
      p.items().forEach(e -> seen.add(e.id()));
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = page.after(p.nextCursor().get());
    }
    List<EventId> expected =
        appended.stream().map(Event::id).sorted(Comparator.reverseOrder()).toList();
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(sizes.get(0)).isEqualTo(10);
    assertThat(sizes.get(1)).isEqualTo(10);
  }

  @Test
  void timeline_filtersByType() {
    ContactId contact = Fixtures.contactId();
    for (int i = 0; i < 6; i++) {
      events.append(Fixtures.event(ws, contact, i < 2 ? "purchase" : "page_viewed"));
    }
    Page<Event> purchases =
        events.query(
            new EventQuery(
                ws, Optional.of(contact), Optional.of("purchase"), PageRequest.first(50)));
    assertThat(purchases.items()).hasSize(2).allMatch(e -> e.type().equals("purchase"));
    assertThat(purchases.nextCursor()).isEmpty();
  }

  @Test
  void workspaceListing_coversEveryContact_newestFirst_andFiltersByType() {
    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Event e = Fixtures.event(ws, Fixtures.contactId(), i == 3 ? "signup" : "page_viewed");
      events.append(e);
      ids.add(e.id());
    }
    Page<Event> all =
        events.query(new EventQuery(ws, Optional.empty(), Optional.empty(), PageRequest.first(3)));
    Page<Event> rest =
        events.query(
            new EventQuery(
                ws,
                Optional.empty(),
                Optional.empty(),
                PageRequest.first(3).after(all.nextCursor().orElseThrow())));
    List<EventId> seen = new ArrayList<>();
    all.items().forEach(e -> seen.add(e.id()));
    rest.items().forEach(e -> seen.add(e.id()));
    assertThat(seen)
        .containsExactlyElementsOf(ids.stream().sorted(Comparator.reverseOrder()).toList());
    assertThat(rest.nextCursor()).isEmpty();

    Page<Event> signups =
        events.query(
            new EventQuery(ws, Optional.empty(), Optional.of("signup"), PageRequest.first(10)));
    assertThat(signups.items()).extracting(Event::id).containsExactly(ids.get(3));
  }

  @Test
  void appendingTheSameIdAgain_replacesTheEvent_withoutADuplicateInTheTimeline() {
    ContactId contact = Fixtures.contactId();
    EventId id = Fixtures.eventId();
    events.append(Fixtures.event(ws, id, contact, "signup"));
    events.append(Fixtures.event(ws, id, contact, "signup"));
    Page<Event> p =
        events.query(
            new EventQuery(ws, Optional.of(contact), Optional.empty(), PageRequest.first(10)));
    assertThat(p.items()).extracting(Event::id).containsExactly(id);
  }

  @Test
  void aCursorFromAnotherListing_isRefused() {
    ContactId a = Fixtures.contactId();
    for (int i = 0; i < 3; i++) {
      events.append(Fixtures.event(ws, a, "page_viewed"));
    }
    String cursor =
        events
            .query(new EventQuery(ws, Optional.of(a), Optional.empty(), PageRequest.first(1)))
            .nextCursor()
            .orElseThrow();
    assertThatThrownBy(
            () ->
                events.query(
                    new EventQuery(
                        ws,
                        Optional.of(Fixtures.contactId()),
                        Optional.empty(),
                        PageRequest.first(1).after(cursor))))
        .isInstanceOf(InvalidCursorException.class);
    assertThatThrownBy(
            () ->
                events.query(
                    new EventQuery(
                        ws,
                        Optional.of(a),
                        Optional.empty(),
                        PageRequest.first(1).after("%%garbage"))))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void anEmptyTimeline_hasNoItemsAndNoCursor() {
    Page<Event> p =
        events.query(
            new EventQuery(
                ws, Optional.of(Fixtures.contactId()), Optional.empty(), PageRequest.first(10)));
    assertThat(p.items()).isEmpty();
    assertThat(p.nextCursor()).isEmpty();
  }
}
