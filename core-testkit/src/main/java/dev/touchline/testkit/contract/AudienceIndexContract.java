package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AudienceIndex} must do, kept by its contact store: a contact is listed in an
 * audience exactly when its stored state belongs to it, in contact-id order, paged without loss.
 */
public abstract class AudienceIndexContract {
  protected ContactRepository contacts;
  protected AudienceIndex audiences;
  protected WorkspaceId ws;

  /** The contact store under test. */
  protected abstract ContactRepository contactRepository();

  /** Its audience index (usually the same object). */
  protected abstract AudienceIndex audienceIndex(ContactRepository contacts);

  @BeforeEach
  void setUp() {
    contacts = contactRepository();
    audiences = audienceIndex(contacts);
    ws = Fixtures.workspace();
  }

  private Contact create(Consumer<Contact.Builder> state) {
    Contact.Builder b = Fixtures.contact(ws, Fixtures.email("a")).toBuilder();
    state.accept(b);
    return ((ContactRepository.Created) contacts.create(b.build(Fixtures.NOW))).contact();
  }

  private Contact change(Contact read, Consumer<Contact.Builder> change) {
    Contact.Builder b = read.toBuilder();
    change.accept(b);
    return contacts.update(read, b.build(Fixtures.NOW));
  }

  private List<ContactId> all(WorkspaceId workspace, Audience audience) {
    List<ContactId> ids = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    for (int pages = 0; pages < 1_000; pages++) {
      Page<Contact> page = audiences.members(workspace, audience, request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(c -> ids.add(c.id()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      request = request.after(page.nextCursor().get());
    }
    throw new AssertionError("the listing did not end");
  }

  private List<ContactId> members(Audience audience) {
    return all(ws, audience);
  }

  @Test
  void aCreatedContact_isListedInEveryAudienceOfItsState_withItsState() {
    Contact c =
        create(
            b -> {
              b.tags().add("trial");
              b.tags().add("newsletter");
              b.segments().add("vip");
              b.lifecycle("lead");
            });

    for (Audience a :
        List.of(
            new Audience.Tagged("trial"),
            new Audience.Tagged("newsletter"),
            new Audience.InSegment("vip"),
            new Audience.AtStage("lead"))) {
      assertThat(members(a)).as(a.toString()).containsExactly(c.id());
    }
    assertThat(members(new Audience.Tagged("vip"))).as("a tag is not a segment").isEmpty();
    assertThat(members(new Audience.AtStage("customer"))).isEmpty();
    Contact listed =
        audiences.members(ws, new Audience.Tagged("trial"), PageRequest.first(5)).items().get(0);
    assertThat(listed).isEqualTo(c);
  }

  @Test
  void anUpdate_movesTheContactBetweenAudiences_andOneThatChangesNoneLeavesThem() {
    Contact c = create(b -> b.tags().add("trial"));
    Contact v2 =
        change(
            c,
            b -> {
              b.tags().remove("trial");
              b.tags().add("paid");
              b.segments().add("vip");
              b.lifecycle("customer");
            });
    assertThat(members(new Audience.Tagged("trial"))).isEmpty();
    assertThat(members(new Audience.Tagged("paid"))).containsExactly(c.id());
    assertThat(members(new Audience.InSegment("vip"))).containsExactly(c.id());
    assertThat(members(new Audience.AtStage("customer"))).containsExactly(c.id());

    Contact v3 = change(v2, b -> b.addScore(5));
    Contact v4 = change(v3, b -> b.lifecycle("evangelist"));
    assertThat(members(new Audience.Tagged("paid"))).containsExactly(c.id());
    assertThat(members(new Audience.AtStage("customer"))).isEmpty();
    assertThat(members(new Audience.AtStage("evangelist"))).containsExactly(c.id());

    change(v4, b -> b.segments().remove("vip"));
    assertThat(members(new Audience.InSegment("vip"))).isEmpty();
  }

  @Test
  void aRefusedUpdate_changesNoMembership() {
    Contact c = create(b -> b.tags().add("trial"));
    change(c, b -> b.addScore(1));
    Contact.Builder stale = c.toBuilder();
    stale.tags().remove("trial");
    stale.tags().add("lost");
    assertThatThrownBy(() -> contacts.update(c, stale.build(Fixtures.NOW)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(members(new Audience.Tagged("trial"))).containsExactly(c.id());
    assertThat(members(new Audience.Tagged("lost"))).isEmpty();
  }

  @Test
  void aListing_isOrderedByContactId_andPagesThroughEveryMemberOnce() {
    List<ContactId> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(create(b -> b.tags().add("many")).id());
    }
    create(b -> b.tags().add("other"));

    assertThat(members(new Audience.Tagged("many")))
        .containsExactlyElementsOf(
            made.stream().sorted(Comparator.comparing(ContactId::value)).toList());
    Page<Contact> exact = audiences.members(ws, new Audience.Tagged("many"), PageRequest.first(5));
    assertThat(exact.items()).hasSize(5);
    assertThat(exact.nextCursor()).as("no cursor when nothing follows").isEmpty();
  }

  @Test
  void aListing_refusesACursorOfAnotherListing() {
    for (int i = 0; i < 3; i++) {
      create(b -> b.tags().add("paged"));
    }
    String cursor =
        audiences
            .members(ws, new Audience.Tagged("paged"), PageRequest.first(1))
            .nextCursor()
            .orElseThrow();
    assertThatThrownBy(
            () ->
                audiences.members(
                    ws, new Audience.Tagged("other"), new PageRequest(1, Optional.of(cursor))))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aListing_holdsOnlyItsWorkspacesContacts() {
    Contact mine = create(b -> b.tags().add("shared-name"));
    WorkspaceId other = Fixtures.workspace();
    Contact.Builder b = Fixtures.contact(other, Fixtures.email("o")).toBuilder();
    b.tags().add("shared-name");
    Contact theirs = ((ContactRepository.Created) contacts.create(b.build(Fixtures.NOW))).contact();

    assertThat(members(new Audience.Tagged("shared-name"))).containsExactly(mine.id());
    assertThat(all(other, new Audience.Tagged("shared-name"))).containsExactly(theirs.id());
  }

  @Test
  void aVeryLongTag_isAnAudienceLikeAnyOther() {
    String tag = "t".repeat(8_000) + "é";
    Contact c = create(b -> b.tags().add(tag));
    assertThat(members(new Audience.Tagged(tag))).containsExactly(c.id());
    assertThat(members(new Audience.Tagged("t".repeat(8_000)))).isEmpty();
  }

  @Test
  void concurrentUpdates_leaveEveryListingExact() throws Exception {
    List<ContactId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(create(b -> b.tags().add("a")).id());
    }
    List<String> tags = List.of("a", "b", "c");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(t);
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 25; i++) {
                    ContactId id = ids.get(random.nextInt(ids.size()));
                    String tag = tags.get(random.nextInt(tags.size()));
                    boolean add = random.nextBoolean();
                    for (int attempt = 0; attempt < 100; attempt++) {
                      Contact read = contacts.findById(ws, id).orElseThrow();
                      Contact.Builder b = read.toBuilder();
                      if (add) {
                        b.tags().add(tag);
                      } else {
                        b.tags().remove(tag);
                      }
                      try {
                        contacts.update(read, b.build(Fixtures.NOW));
                        break;
                      } catch (ConcurrentUpdateException e) {
                        // another thread won: read again
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String tag : tags) {
      List<ContactId> holding =
          ids.stream()
              .filter(id -> contacts.findById(ws, id).orElseThrow().tags().contains(tag))
              .sorted(Comparator.comparing(ContactId::value))
              .toList();
      assertThat(members(new Audience.Tagged(tag))).as("tag " + tag).isEqualTo(holding);
    }
  }
}
