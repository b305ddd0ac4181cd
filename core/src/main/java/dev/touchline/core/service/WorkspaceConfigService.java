package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.port.in.ManageWorkspaceConfigUseCase;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import java.time.Clock;

/** Reads and replaces workspace configuration documents, for callers with {@code admin}. */
public final class WorkspaceConfigService implements ManageWorkspaceConfigUseCase {
  private static final int MAX_ATTEMPTS = 5;

  private final WorkspaceConfigRepository repository;
  private final WorkspaceConfigs configs;
  private final Clock clock;

  public WorkspaceConfigService(
      WorkspaceConfigRepository repository, WorkspaceConfigs configs, Clock clock) {
    this.repository = repository;
    this.configs = configs;
    this.clock = clock;
  }

  @Override
  public StoredConfig get(Caller caller) {
    caller.require(Scope.ADMIN);
    return configs.document(caller.workspace());
  }

  @Override
  public StoredConfig replace(Caller caller, String document) {
    caller.require(Scope.ADMIN);
    WorkspaceConfig parsed;
    try {
      parsed = configs.parser().parse(document);
    } catch (InvalidConfigException e) {
      throw TouchlineException.invalid(e.path(), e.getMessage());
    }
    // A replacement is last-writer-wins: re-read the version and try again if another admin won.
    for (int attempt = 1; ; attempt++) {
      long expected = repository.find(caller.workspace()).map(StoredConfig::version).orElse(0L);
      try {
        StoredConfig stored =
            repository.save(caller.workspace(), document, expected, clock.instant());
        configs.stored(caller.workspace(), stored, parsed);
        return stored;
      } catch (ConcurrentUpdateException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
