package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.TriggerRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TriggerRepository} must do. Subclasses supply only {@link #repository()}. */
public abstract class TriggerRepositoryContract {
  protected TriggerRepository triggers;
  protected WorkspaceId ws;

  protected abstract TriggerRepository repository();

  @BeforeEach
  void setUp() {
    triggers = repository();
    ws = Fixtures.workspace();
  }

  private Trigger trigger(ContactId contact, EventId event, String rule) {
    return new Trigger(
        Trigger.idFor(event, rule, ""),
        "wf-" + rule,
        ws,
        contact,
        event,
        rule,
        Fixtures.NOW,
        "rule " + rule + " on signup");
  }

  @Test
  void recordOnce_isTrueTheFirstTimeOnly_andKeepsEveryField() {
    Trigger t = trigger(Fixtures.contactId(), Fixtures.eventId(), "welcome");
    assertThat(triggers.recordOnce(t)).isTrue();
    assertThat(triggers.recordOnce(t)).isFalse();
    assertThat(triggers.findById(ws, t.id())).contains(new TriggerRepository.Recorded(t, false));
    assertThat(triggers.findById(Fixtures.workspace(), t.id())).isEmpty();
  }

  @Test
  void markDelivered_isRecorded_andRepeatingItOrMarkingAnUnknownIdIsHarmless() {
    Trigger t = trigger(Fixtures.contactId(), Fixtures.eventId(), "welcome");
    triggers.recordOnce(t);
    triggers.markDelivered(ws, t.id());
    triggers.markDelivered(ws, t.id());
    triggers.markDelivered(ws, "trg_unknown");
    assertThat(triggers.findById(ws, t.id())).contains(new TriggerRepository.Recorded(t, true));
    assertThat(triggers.findById(ws, "trg_unknown")).isEmpty();
    assertThat(triggers.recordOnce(t)).as("a delivered trigger is still recorded once").isFalse();
  }

  @Test
  void concurrentRecords_ofOneTrigger_exactlyOneIsFirst() throws Exception {
    Trigger t = trigger(Fixtures.contactId(), Fixtures.eventId(), "race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return triggers.recordOnce(t);
                }));
      }
      start.countDown();
      int firsts = 0;
      for (Future<Boolean> f : results) {
        firsts += f.get() ? 1 : 0;
      }
      assertThat(firsts).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listByContact_isOldestFirst_andPages() {
    ContactId contact = Fixtures.contactId();
    List<Trigger> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Trigger t = trigger(contact, Fixtures.eventId(), "r" + i);
      triggers.recordOnce(t);
      recorded.add(t);
    }
    triggers.recordOnce(trigger(Fixtures.contactId(), Fixtures.eventId(), "other"));

    Page<Trigger> first = triggers.listByContact(ws, contact, PageRequest.first(3));
    Page<Trigger> second =
        triggers.listByContact(
            ws, contact, PageRequest.first(3).after(first.nextCursor().orElseThrow()));
    List<Trigger> all = new ArrayList<>(first.items());
    all.addAll(second.items());
    assertThat(all).containsExactlyElementsOf(recorded);
    assertThat(second.nextCursor()).isEmpty();
  }
}
