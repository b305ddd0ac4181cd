package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;

/** Reads and replaces a workspace's configuration document (scope {@code admin}). */
public interface ManageWorkspaceConfigUseCase {

  /** The workspace's document; the default configuration (version 0) when none was stored. */
  StoredConfig get(Caller caller);

  /**
   * Validates and stores a new document; it applies to the next event.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code invalid_payload} naming the
   *     rule and JSON path at fault
   */
  StoredConfig replace(Caller caller, String document);
}
