package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryWorkspaceRepository;
import dev.touchline.core.port.in.ManageWorkspacesUseCase.Created;
import dev.touchline.core.port.in.ManageWorkspacesUseCase.NewWorkspace;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.WorkspaceRepository;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkspaceServiceTest {
  private static final WorkspaceId ACME = new WorkspaceId("acme");
  private static final String CONFIG =
      "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"signup\"},\"then\":[{\"addTag\":\"new\"}]}]}";
  private static final Caller OPERATOR =
      new Caller(new WorkspaceId("ops"), "key_operator", EnumSet.allOf(Scope.class));

  /** Workspaces whose next {@code create} calls fail or lose as told. */
  private static final class Unreliable implements WorkspaceRepository {
    final InMemoryWorkspaceRepository stored = new InMemoryWorkspaceRepository();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger losses = new AtomicInteger();

    @Override
    public boolean create(Workspace workspace) {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageException("create workspace " + workspace.id() + " failed: timed out");
      }
      if (losses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return false; // another creation of the id won between the check and the write
      }
      return stored.create(workspace);
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
      return stored.find(id);
    }

    @Override
    public Page<Workspace> list(PageRequest page) {
      return stored.list(page);
    }
  }

  private final Unreliable workspaces = new Unreliable();
  private final Touchline engine = Touchline.builder().workspaces(workspaces).build();

  @Test
  void aCreationCutShortBeforeItsRecord_isNoWorkspace_andTheSameRequestSentAgainFinishesIt() {
    workspaces.failures.set(1);
    NewWorkspace request = new NewWorkspace(ACME, "Acme", Optional.of(CONFIG));

    assertThatThrownBy(() -> engine.workspaces().create(OPERATOR, request))
        .isInstanceOf(StorageException.class);
    assertThat(engine.workspaces().get(OPERATOR, ACME)).isEmpty();

    Created created = engine.workspaces().create(OPERATOR, request);

    assertThat(engine.workspaces().get(OPERATOR, ACME)).contains(created.workspace());
    Caller admin = engine.authenticate().authenticate(created.key().secret());
    assertThat(admin.workspace()).isEqualTo(ACME);
    assertThat(admin.scopes()).isEqualTo(Scope.workspaceScopes());
    assertThat(engine.workspaceConfig().get(admin).document()).isEqualTo(CONFIG);
    // the cut-short attempt's key is listed (nobody saw its secret) for an admin to revoke
    assertThat(engine.apiKeys().list(ACME))
        .hasSize(2)
        .allSatisfy(k -> assertThat(k.name()).isEqualTo("first admin key"));
  }

  @Test
  void aCreationThatLosesTheRaceForItsId_is409_andRevokesTheKeyItIssued() {
    workspaces.losses.set(1);

    assertThatThrownBy(
            () ->
                engine.workspaces().create(OPERATOR, new NewWorkspace(ACME, "", Optional.empty())))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    assertThat(engine.apiKeys().list(ACME))
        .singleElement()
        .extracting(ApiKey::revoked)
        .isEqualTo(true);
  }

  @Test
  void anInvalidConfig_isRefusedBeforeAnythingIsWritten_namingItsPathUnderConfig() {
    String bad =
        "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"x\"},\"then\":[{\"score\":{\"points\":\"a\"}}]}]}";

    assertThatThrownBy(
            () ->
                engine.workspaces().create(OPERATOR, new NewWorkspace(ACME, "", Optional.of(bad))))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
              assertThat(e.field()).contains("config.rules[0].then[0].score.points");
            });
    assertThat(engine.apiKeys().list(ACME)).isEmpty();
    assertThat(engine.workspaceConfig().get(Caller.trusted(ACME)).version()).isZero();
  }

  @Test
  void everyRouteOfTheOperator_needsPlatform() {
    Caller admin = Caller.trusted(ACME);
    Caller workspaceAdmin = new Caller(ACME, "key_admin", Scope.workspaceScopes());

    for (Runnable call :
        new Runnable[] {
          () ->
              engine
                  .workspaces()
                  .create(workspaceAdmin, new NewWorkspace(ACME, "", Optional.empty())),
          () -> engine.workspaces().list(workspaceAdmin, PageRequest.first(10)),
          () -> engine.workspaces().get(workspaceAdmin, ACME)
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              TouchlineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_SCOPE));
    }
    assertThat(engine.workspaces().list(admin, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void ensureRecorded_recordsOnce() {
    assertThat(engine.workspaces().ensureRecorded(ACME)).isTrue();
    assertThat(engine.workspaces().ensureRecorded(ACME)).isFalse();
    assertThat(engine.workspaces().get(OPERATOR, ACME).orElseThrow().name()).isEmpty();
  }
}
