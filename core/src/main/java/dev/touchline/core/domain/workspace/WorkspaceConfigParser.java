package dev.touchline.core.domain.workspace;

/** Turns a workspace configuration document (JSON text) into typed values, once. */
public interface WorkspaceConfigParser {

  /**
   * Parses and validates a document.
   *
   * @throws InvalidConfigException naming the rule and JSON path of the first fault
   */
  WorkspaceConfig parse(String document);
}
