package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;

/**
 * The hostile corpus with every {@code POST /v1/events} whose body is a JSON object an agent could
 * send (valid UTF-8, one object, no encoding) travelling as an MCP tool call ({@code ingest_event}
 * or {@code ingest_events}) through the SDK's client over HTTP, its answer turned back into the
 * API's: each must get exactly the answer the API gives, no 5xx, no internals. The other cases
 * (bytes that are not JSON text, encodings, other routes) cannot be tool arguments and go to the
 * API as they are.
 */
class McpHostileTest extends HostileSuite {
  private static final int BEFORE = McpTarget.TOOL_CALLS.get();

  @Override
  protected ScenarioTarget target() {
    return new McpTarget();
  }

  @Override
  protected boolean overHttp() {
    return false;
  }

  @AfterAll
  void manyCasesWentThroughTheTools() {
    System.out.printf(
        "hostile corpus through MCP: %d requests as tool calls%n",
        McpTarget.TOOL_CALLS.get() - BEFORE);
    assertThat(McpTarget.TOOL_CALLS.get() - BEFORE)
        .as("requests sent as tool calls: the cases' own, and the valid event after each case")
        .isGreaterThan(300);
  }
}
