package dev.touchline.core.service;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceConfigParser;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed configuration of each workspace, parsed once per stored version. A cached entry is
 * re-checked against the store after {@code refresh}, so other processes' changes arrive within it.
 */
public final class WorkspaceConfigs {
  private final WorkspaceConfigRepository repository;
  private final WorkspaceConfigParser parser;
  private final String defaultDocument;
  private final WorkspaceConfig defaultConfig;
  private final long refreshNanos;
  private final ConcurrentHashMap<WorkspaceId, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long version, WorkspaceConfig config, long loadedAtNanos) {}

  public WorkspaceConfigs(
      WorkspaceConfigRepository repository,
      WorkspaceConfigParser parser,
      String defaultDocument,
      Duration refresh) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.defaultDocument = Objects.requireNonNull(defaultDocument, "defaultDocument");
    this.defaultConfig = parser.parse(defaultDocument);
    this.refreshNanos = refresh.toNanos();
  }

  /** The configuration in force for a workspace. */
  public WorkspaceConfig current(WorkspaceId workspace) {
    long now = System.nanoTime();
    Cached cached = cache.get(workspace);
    if (cached != null && now - cached.loadedAtNanos < refreshNanos) {
      return cached.config;
    }
    Cached fresh =
        repository
            .find(workspace)
            .map(
                stored ->
                    cached != null && cached.version == stored.version()
                        ? new Cached(stored.version(), cached.config, now)
                        : new Cached(stored.version(), parseStored(stored), now))
            .orElseGet(() -> new Cached(0, defaultConfig, now));
    cache.put(workspace, fresh);
    return fresh.config;
  }

  /**
   * A stored document that no longer parses (a range tightened since it was stored) stops the
   * workspace's ingestion with an answer that says so and how to fix it, rather than a bare error.
   */
  private WorkspaceConfig parseStored(StoredConfig stored) {
    try {
      return parser.parse(stored.document());
    } catch (InvalidConfigException e) {
      throw new TouchlineException(
          ErrorCode.INTERNAL_ERROR,
          "the stored workspace configuration (version "
              + stored.version()
              + ") is no longer valid: "
              + e.getMessage()
              + "; an admin can read it (GET /v1/workspace/config) and replace it (PUT)");
    }
  }

  /** The stored document, or the default one (version 0). */
  public StoredConfig document(WorkspaceId workspace) {
    return repository
        .find(workspace)
        .orElseGet(() -> new StoredConfig(defaultDocument, 0, java.time.Instant.EPOCH));
  }

  /** Records a just-stored document so this process uses it from the next event on. */
  void stored(WorkspaceId workspace, StoredConfig stored, WorkspaceConfig parsed) {
    cache.put(workspace, new Cached(stored.version(), parsed, System.nanoTime()));
  }

  WorkspaceConfigParser parser() {
    return parser;
  }
}
