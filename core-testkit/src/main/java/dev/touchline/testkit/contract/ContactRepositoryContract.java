package dev.touchline.testkit.contract;

import static dev.touchline.testkit.contract.Fixtures.email;
import static dev.touchline.testkit.contract.Fixtures.externalId;
import static dev.touchline.testkit.contract.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.ContactRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ContactRepository} must do. Subclasses supply only {@link #repository()}. */
public abstract class ContactRepositoryContract {
  protected ContactRepository contacts;
  protected WorkspaceId ws;

  /** A repository; may be shared by all tests of a class (every test uses its own workspace). */
  protected abstract ContactRepository repository();

  @BeforeEach
  void setUp() {
    contacts = repository();
    ws = Fixtures.workspace();
  }

  @Test
  void create_storesVersionOne_findableByIdAndByEveryIdentifier() {
    Identifier email = email("ann");
    Identifier phone = phone();
    Identifier ext = externalId();
    Contact c = Fixtures.contact(ws, email, phone, ext);

    ContactRepository.CreateResult result = contacts.create(c);

    assertThat(result).isInstanceOf(ContactRepository.Created.class);
    Contact stored = ((ContactRepository.Created) result).contact();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(contacts.findById(ws, c.id())).contains(stored);
    for (Identifier id : List.of(email, phone, ext)) {
      assertThat(contacts.findByIdentifier(ws, id)).map(Contact::id).contains(c.id());
    }
  }

  @Test
  void owners_readsTheOwnersOfManyIdentifiersAtOnce_andLeavesOutTheUnowned() {
    Identifier annEmail = email("owners-ann");
    Identifier annPhone = phone();
    Identifier bobExt = externalId();
    Contact ann = Fixtures.contact(ws, annEmail, annPhone);
    Contact bob = Fixtures.contact(ws, bobExt);
    contacts.create(ann);
    contacts.create(bob);
    Identifier nobody = email("owners-nobody");

    assertThat(contacts.owners(ws, List.of(annEmail, nobody, bobExt, annPhone, annEmail)))
        .containsOnly(
            java.util.Map.entry(annEmail, ann.id()),
            java.util.Map.entry(annPhone, ann.id()),
            java.util.Map.entry(bobExt, bob.id()));
    assertThat(contacts.owners(Fixtures.workspace(), List.of(annEmail))).isEmpty();
    assertThat(contacts.owners(ws, List.of())).isEmpty();
  }

  @Test
  void owners_ofMoreIdentifiersThanOneStoreCallTakes_findsEveryOne() {
    List<Identifier> owned = new ArrayList<>();
    java.util.Map<Identifier, ContactId> expected = new java.util.HashMap<>();
    for (int i = 0; i < 130; i++) {
      Identifier id = email("many-" + i);
      Contact c = Fixtures.contact(ws, id);
      contacts.create(c);
      owned.add(id);
      expected.put(id, c.id());
    }
    owned.add(email("many-unowned"));

    assertThat(contacts.owners(ws, owned)).isEqualTo(expected);
  }

  @Test
  void findByIds_readsManyContactsAtOnce_andLeavesOutTheMissing() {
    java.util.Map<ContactId, Contact> expected = new java.util.HashMap<>();
    List<ContactId> ids = new ArrayList<>();
    for (int i = 0; i < 110; i++) {
      Contact c = Fixtures.contact(ws, email("ids-" + i));
      Contact stored = ((ContactRepository.Created) contacts.create(c)).contact();
      expected.put(c.id(), stored);
      ids.add(c.id());
    }
    ids.add(new ContactId("01ZZZZZZZZZZZZZZZZZZZZZZZZ"));

    assertThat(contacts.findByIds(ws, ids)).isEqualTo(expected);
    assertThat(contacts.findByIds(Fixtures.workspace(), ids)).isEmpty();
  }

  @Test
  void create_roundTripsEveryKindOfValue() {
    Contact rich = Fixtures.richContact(ws, email("rich"));
    contacts.create(rich);
    Contact stored = contacts.findById(ws, rich.id()).orElseThrow();
    assertThat(stored.attributes()).isEqualTo(rich.attributes());
    assertThat(stored.tags()).containsExactly("buyer", "newsletter");
    assertThat(stored.score()).isEqualTo(42);
    assertThat(stored.segments()).containsExactly("vip");
    assertThat(stored.stats()).isEqualTo(rich.stats());
    assertThat(stored.scoreMarks()).isEqualTo(rich.scoreMarks());
    assertThat(stored.appliedEvents()).isEqualTo(rich.appliedEvents());
    assertThat(stored.identities()).isEqualTo(rich.identities());
    assertThat(stored.createdAt()).isEqualTo(rich.createdAt());
  }

  @Test
  void create_withAnIdentifierAlreadyOwned_writesNothing_andNamesTheOwner() {
    Identifier shared = email("shared");
    Contact first = Fixtures.contact(ws, shared);
    contacts.create(first);
    Identifier freshPhone = phone();
    Contact second = Fixtures.contact(ws, freshPhone, shared);

    ContactRepository.CreateResult result = contacts.create(second);

    assertThat(result).isEqualTo(new ContactRepository.IdentifierTaken(shared, first.id()));
    assertThat(contacts.findById(ws, second.id())).isEmpty();
    assertThat(contacts.findByIdentifier(ws, freshPhone)).isEmpty();
    assertThat(contacts.claimIdentifier(ws, freshPhone, first.id())).isEqualTo(first.id());
  }

  @Test
  void concurrentCreates_ofTheSameNewEmail_makeExactlyOneContact() throws Exception {
    Identifier email = email("race");
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ContactRepository.CreateResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Contact candidate = Fixtures.contact(ws, email);
        Callable<ContactRepository.CreateResult> task =
            () -> {
              start.await();
              return contacts.create(candidate);
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      List<ContactId> created = new ArrayList<>();
      for (Future<ContactRepository.CreateResult> f : results) {
        if (f.get() instanceof ContactRepository.Created c) {
          created.add(c.contact().id());
        }
      }
      assertThat(created).hasSize(1);
      assertThat(contacts.findByIdentifier(ws, email)).map(Contact::id).contains(created.get(0));
      for (Future<ContactRepository.CreateResult> f : results) {
        if (f.get() instanceof ContactRepository.IdentifierTaken taken) {
          assertThat(taken.owner()).isEqualTo(created.get(0));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void claimIdentifier_firstWriterWins_andRepeatingItIsHarmless() {
    Contact a = Fixtures.contact(ws, email("a"));
    Contact b = Fixtures.contact(ws, email("b"));
    contacts.create(a);
    contacts.create(b);
    Identifier phone = phone();

    assertThat(contacts.claimIdentifier(ws, phone, a.id())).isEqualTo(a.id());
    assertThat(contacts.claimIdentifier(ws, phone, a.id())).isEqualTo(a.id());
    assertThat(contacts.claimIdentifier(ws, phone, b.id())).isEqualTo(a.id());
    assertThat(contacts.findByIdentifier(ws, phone)).map(Contact::id).contains(a.id());
  }

  @Test
  void update_incrementsTheVersion_andAStaleVersionIsRefused() {
    Contact c =
        ((ContactRepository.Created) contacts.create(Fixtures.contact(ws, email("v")))).contact();
    Contact.Builder b = c.toBuilder();
    b.tags().add("first");
    Contact v2 = contacts.update(c, b.build(Fixtures.NOW));
    assertThat(v2.version()).isEqualTo(2);
    assertThat(contacts.findById(ws, c.id()).orElseThrow().tags()).containsExactly("first");

    Contact.Builder stale = c.toBuilder();
    stale.tags().add("lost");
    assertThatThrownBy(() -> contacts.update(c, stale.build(Fixtures.NOW)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(contacts.findById(ws, c.id()).orElseThrow().tags()).containsExactly("first");
  }

  @Test
  void update_ofAContactThatWasNeverCreated_isRefused() {
    Contact ghost = Fixtures.contact(ws, email("ghost"));
    assertThatThrownBy(() -> contacts.update(ghost, ghost))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void concurrentUpdates_fromTheSameVersion_exactlyOneWins() throws Exception {
    Contact c =
        ((ContactRepository.Created) contacts.create(Fixtures.contact(ws, email("cu")))).contact();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        String tag = "t" + i;
        results.add(
            pool.submit(
                () -> {
                  Contact.Builder b = c.toBuilder();
                  b.tags().add(tag);
                  start.await();
                  try {
                    contacts.update(c, b.build(Fixtures.NOW));
                    return true;
                  } catch (ConcurrentUpdateException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> f : results) {
        wins += f.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      Contact stored = contacts.findById(ws, c.id()).orElseThrow();
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.tags()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void workspacesAreIsolated_sameIdentifierMayBelongToOneContactInEach() {
    WorkspaceId other = Fixtures.workspace();
    Identifier email = email("iso");
    Contact here = Fixtures.contact(ws, email);
    Contact there = Fixtures.contact(other, email);
    assertThat(contacts.create(here)).isInstanceOf(ContactRepository.Created.class);
    assertThat(contacts.create(there)).isInstanceOf(ContactRepository.Created.class);

    assertThat(contacts.findByIdentifier(ws, email)).map(Contact::id).contains(here.id());
    assertThat(contacts.findByIdentifier(other, email)).map(Contact::id).contains(there.id());
    assertThat(contacts.findById(other, here.id())).isEmpty();
  }

  @Test
  void unknownIdsAndIdentifiers_areEmpty() {
    assertThat(contacts.findById(ws, Fixtures.contactId())).isEmpty();
    assertThat(contacts.findByIdentifier(ws, email("nobody"))).isEmpty();
  }
}
