package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
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
    return store(caller.workspace(), document, parse(document, ""));
  }

  /**
   * Parses a document for storing.
   *
   * @param fieldPrefix where the document sits in a larger request ({@code ""}: it is the request)
   * @throws TouchlineException {@code invalid_payload} naming the path at fault
   */
  WorkspaceConfig parse(String document, String fieldPrefix) {
    try {
      return configs.parser().parse(document);
    } catch (InvalidConfigException e) {
      // The document's root "$" becomes the prefix: $.rules[0] under "config" is config.rules[0].
      String field =
          fieldPrefix.isEmpty() || !e.path().startsWith("$")
              ? e.path()
              : fieldPrefix + e.path().substring(1);
      throw TouchlineException.invalid(field, e.getMessage());
    }
  }

  /** Stores a parsed document for a workspace, last writer wins. */
  StoredConfig store(WorkspaceId workspace, String document, WorkspaceConfig parsed) {
    // A replacement is last-writer-wins: re-read the version and try again if another admin won.
    for (int attempt = 1; ; attempt++) {
      long expected = repository.find(workspace).map(StoredConfig::version).orElse(0L);
      try {
        StoredConfig stored = repository.save(workspace, document, expected, clock.instant());
        configs.stored(workspace, stored, parsed);
        return stored;
      } catch (ConcurrentUpdateException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
