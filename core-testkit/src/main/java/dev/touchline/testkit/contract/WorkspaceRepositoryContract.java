package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.WorkspaceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkspaceRepository} must do. The listing spans the whole store, which other
 * tests share: each test makes its own ids and looks only at those.
 */
public abstract class WorkspaceRepositoryContract {
  protected WorkspaceRepository workspaces;

  protected abstract WorkspaceRepository repository();

  @BeforeEach
  void setUp() {
    workspaces = repository();
  }

  private static Workspace workspace(WorkspaceId id, String name) {
    return new Workspace(id, name, Fixtures.NOW);
  }

  @Test
  void create_thenFind_roundTripsEveryField_andAnUnknownIdIsEmpty() {
    Workspace named = workspace(Fixtures.workspace(), "Acme Inc. — Europe");
    Workspace unnamed = workspace(Fixtures.workspace(), "");
    assertThat(workspaces.create(named)).isTrue();
    assertThat(workspaces.create(unnamed)).isTrue();
    assertThat(workspaces.find(named.id())).contains(named);
    assertThat(workspaces.find(unnamed.id())).contains(unnamed);
    assertThat(workspaces.find(Fixtures.workspace())).isEmpty();
  }

  @Test
  void create_ofATakenId_isFalse_andLeavesTheFirstAsItWas() {
    Workspace first = workspace(Fixtures.workspace(), "first");
    assertThat(workspaces.create(first)).isTrue();
    Workspace second = new Workspace(first.id(), "second", Fixtures.NOW.plusSeconds(60));
    assertThat(workspaces.create(second)).isFalse();
    assertThat(workspaces.find(first.id())).contains(first);
  }

  @Test
  void concurrentCreatesOfOneId_exactlyOneWins() throws Exception {
    WorkspaceId id = Fixtures.workspace();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String name = "writer " + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return workspaces.create(workspace(id, name));
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> r : results) {
        won += r.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(workspaces.find(id).orElseThrow().name()).startsWith("writer ");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void list_pagesThroughEveryWorkspaceOnce_orderedById() {
    String prefix = Fixtures.workspace().value() + "-";
    List<String> made = new ArrayList<>();
    for (String suffix : List.of("c", "a", "e", "b", "d")) {
      WorkspaceId id = new WorkspaceId(prefix + suffix);
      workspaces.create(workspace(id, suffix));
      made.add(id.value());
    }
    List<String> seen = new ArrayList<>();
    List<String> all = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    for (int pages = 0; pages < 10_000; pages++) {
      Page<Workspace> page = workspaces.list(request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(w -> all.add(w.id().value()));
      page.items().stream()
          .map(w -> w.id().value())
          .filter(id -> id.startsWith(prefix))
          .forEach(seen::add);
      if (page.nextCursor().isEmpty()) {
        break;
      }
      request = request.after(page.nextCursor().get());
    }
    assertThat(seen).containsExactlyElementsOf(made.stream().sorted().toList());
    assertThat(all).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void list_refusesACursorOfAnotherListing() {
    assertThatThrownBy(() -> workspaces.list(new PageRequest(5, Optional.of("bm90LWEtY3Vyc29y"))))
        .isInstanceOf(InvalidCursorException.class);
  }
}
