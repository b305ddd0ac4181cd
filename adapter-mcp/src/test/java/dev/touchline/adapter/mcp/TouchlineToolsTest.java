package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.TouchlineApi;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools' handling of arguments, without a transport. */
class TouchlineToolsTest {
  private final Touchline engine = Touchline.builder().build();
  private final String key =
      engine
          .apiKeys()
          .issue(new WorkspaceId("tools"), Scope.workspaceScopes(), RateLimit.DEFAULT)
          .secret();
  private final TouchlineTools tools = new TouchlineTools(new TouchlineApi(engine)::handle);

  private CallToolResult call(String tool, Map<String, Object> args) {
    return tools.handler(tool, Map.of("X-API-Key", key)).apply(args);
  }

  private static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @Test
  void aStringWithAnUnpairedSurrogate_reachesTheApiAsSent_andIsRefusedNamingItsField() {
    CallToolResult r =
        call(
            "ingest_event",
            Map.of(
                "event",
                "signup",
                "email",
                "ann@example.com",
                "properties",
                Map.of("x", "a\ud800b")));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).startsWith("invalid_payload: ").endsWith("(field: properties.x)");
  }

  @Test
  void nonAsciiText_arrivesIntact() {
    CallToolResult r =
        call(
            "ingest_event",
            Map.of(
                "event",
                "note",
                "email",
                "zoë@example.com",
                "properties",
                Map.of("t", "çağrı 📞")));
    assertThat(r.isError()).as(text(r)).isFalse();
    CallToolResult events =
        call(
            "list_events",
            Map.of("contactId", ((Map<?, ?>) r.structuredContent()).get("customerId")));
    assertThat(events.structuredContent().toString()).contains("çağrı 📞");
  }

  @Test
  void unknownArgumentsAndAMissingEventsArray_areToolErrors() {
    assertThat(text(call("list_events", Map.of("since", "yesterday"))))
        .startsWith("invalid_payload: unknown argument 'since'");
    assertThat(text(call("ingest_events", Map.of("events", "none"))))
        .startsWith("invalid_payload: events must be an array");
    assertThat(call("ingest_events", Map.of("events", List.of())).isError()).isTrue();
  }
}
