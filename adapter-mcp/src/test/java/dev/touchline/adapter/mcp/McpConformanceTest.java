package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance scenarios with every {@code POST /v1/events} that is a JSON object sent as an MCP
 * tool call ({@code ingest_event}, or {@code ingest_events} for a batch) through the SDK's client
 * over HTTP, and the tool's answer turned back into the API's: the same results and the same state
 * as the API gives. Requests that are not tool calls (malformed bodies, encodings, Idempotency-Key
 * headers, other routes) go to the API as they are.
 */
class McpConformanceTest extends ConformanceSuite {

  @Override
  protected ScenarioTarget target() {
    return new McpTarget();
  }

  @AfterAll
  static void mostEventsWentThroughTheTools() {
    assertThat(McpTarget.TOOL_CALLS.get()).as("requests sent as tool calls").isGreaterThan(150);
  }
}
