package dev.touchline.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.apikey.Scope;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Touchline's MCP tools through the SDK's own Java client, over one transport: initialize, the
 * tools and their schemas, every tool called, refusals as tool errors, keys, scopes, workspaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ToolsSuite {
  protected LocalDeployment deployment;
  private String workspace;
  private String key;

  /** A client of the transport under test, initialised, calling with this API key. */
  protected abstract McpSyncClient client(String key);

  @BeforeAll
  void start() {
    deployment = new LocalDeployment();
    workspace = "mcp-" + UUID.randomUUID().toString().substring(0, 8);
    key = deployment.key(workspace, Scope.workspaceScopes());
  }

  @AfterAll
  void stop() {
    deployment.close();
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> structured(CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }

  @Test
  void initialize_listsTheFiveTools_withValidSchemas() {
    McpSyncClient client = client(key);
    assertThat(client.getServerInfo().name()).isEqualTo("touchline");
    List<Tool> tools = client.listTools().tools();
    assertThat(tools)
        .extracting(Tool::name)
        .containsExactlyInAnyOrder(
            "ingest_event", "ingest_events", "get_contact", "list_events", "list_incoming");
    JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    for (Tool tool : tools) {
      assertThat(tool.description()).as(tool.name()).isNotBlank();
      assertThat(validator.validateSchema(tool.inputSchema()).valid())
          .as(tool.name() + " has a valid JSON schema")
          .isTrue();
    }
    Tool ingest =
        tools.stream().filter(t -> t.name().equals("ingest_event")).findFirst().orElseThrow();
    assertThat((Map<String, Object>) ingest.inputSchema().get("properties"))
        .containsKeys(
            "event",
            "customer",
            "email",
            "phone",
            "externalId",
            "properties",
            "traits",
            "timestamp",
            "messageId",
            "context");
    assertThat(
            validator
                .validate(ingest.inputSchema(), Map.of("event", "signup", "email", "a@b.c"))
                .valid())
        .isTrue();
    assertThat(validator.validate(ingest.inputSchema(), Map.of("event", "signup")).valid())
        .as("an event without an identity does not fit the schema")
        .isFalse();
  }

  @Test
  void ingestEvent_answersAsTheApi_withASummary() {
    McpSyncClient client = client(key);
    Map<String, Object> event =
        Map.of(
            "event",
            "email_sent",
            "email",
            "Ann@Example.com",
            "properties",
            Map.of(
                "subject", "Welcome", "amount", new java.math.BigDecimal("12345678901234567.89")),
            "messageId",
            "agent-1");
    CallToolResult accepted = call(client, "ingest_event", event);
    assertThat(accepted.isError()).isFalse();
    assertThat(structured(accepted))
        .containsEntry("status", "accepted")
        .containsEntry("resolved", "new")
        .containsKeys("eventId", "customerId");
    assertThat(text(accepted)).startsWith("accepted: event ").contains("(resolved by new)");

    CallToolResult again = call(client, "ingest_event", event);
    assertThat(structured(again)).containsEntry("status", "duplicate");
    assertThat(text(again)).startsWith("duplicate of event " + structured(accepted).get("eventId"));

    CallToolResult events =
        call(client, "list_events", Map.of("contactId", structured(accepted).get("customerId")));
    assertThat((List<?>) structured(events).get("data")).hasSize(1);
    assertThat(text(events)).isEqualTo("1 events");
    assertThat(structured(events).toString()).contains("amount=12345678901234567.89");
  }

  @Test
  void aRefusedEvent_isAToolError_carryingCodeMessageAndField() {
    McpSyncClient client = client(key);
    CallToolResult refused =
        call(
            client,
            "ingest_event",
            Map.of("event", "signup", "email", "late@example.com", "timestamp", "yesterday"));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).startsWith("invalid_payload: ").endsWith("(field: timestamp)");

    CallToolResult noIdentity = call(client, "ingest_event", Map.of("event", "signup"));
    assertThat(noIdentity.isError()).isTrue();
    assertThat(text(noIdentity)).startsWith("invalid_payload: ").endsWith("(field: customer)");

    CallToolResult incoming = call(client, "list_incoming", Map.of("status", "rejected"));
    assertThat(incoming.isError()).isFalse();
    assertThat(structured(incoming).toString()).contains("late@example.com");
  }

  @Test
  void ingestEvents_answersOneResultPerEvent() {
    McpSyncClient client = client(key);
    CallToolResult batch =
        call(
            client,
            "ingest_events",
            Map.of(
                "events",
                List.of(
                    Map.of("event", "call_placed", "phone", "+1 415 555 0101"),
                    Map.of("event", "call_placed"),
                    Map.of("event", "page_viewed", "externalId", "crm-7"))));
    assertThat(batch.isError()).isFalse();
    assertThat(structured(batch)).containsEntry("accepted", 2).containsEntry("rejected", 1);
    assertThat(text(batch)).isEqualTo("2 accepted, 0 duplicates, 0 discarded, 1 rejected");
  }

  @Test
  void getContact_byIdOrAnyIdentifier_andUnknownIsAToolError() {
    McpSyncClient client = client(key);
    Map<String, Object> made =
        structured(
            call(client, "ingest_event", Map.of("event", "signup", "email", "gc@example.com")));
    CallToolResult byEmail = call(client, "get_contact", Map.of("email", "GC@example.com"));
    CallToolResult byId = call(client, "get_contact", Map.of("id", made.get("customerId")));
    assertThat(structured(byEmail)).containsEntry("id", made.get("customerId"));
    assertThat(structured(byId)).isEqualTo(structured(byEmail));
    assertThat(text(byId)).startsWith("contact " + made.get("customerId") + " (gc@example.com)");

    CallToolResult unknown = call(client, "get_contact", Map.of("email", "nobody@example.com"));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown)).startsWith("not_found: ");
    CallToolResult two =
        call(client, "get_contact", Map.of("email", "a@b.c", "phone", "+14155550101"));
    assertThat(two.isError()).isTrue();
    assertThat(text(two)).startsWith("invalid_payload: give exactly one");
  }

  @Test
  void aToolNeedsItsRoutesScope() {
    String reader = deployment.key(workspace, EnumSet.of(Scope.EVENTS_READ));
    CallToolResult refused =
        call(client(reader), "ingest_event", Map.of("event", "signup", "email", "s@example.com"));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).startsWith("forbidden_scope: ");
    assertThat(call(client(reader), "list_events", Map.of()).isError()).isFalse();
  }

  @Test
  void aToolCallNeverCrossesWorkspaces() {
    Map<String, Object> mine =
        structured(
            call(client(key), "ingest_event", Map.of("event", "signup", "email", "x@example.com")));
    String other = deployment.key("other-" + workspace, Scope.workspaceScopes());
    CallToolResult theirs =
        call(client(other), "get_contact", Map.of("id", mine.get("customerId")));
    assertThat(theirs.isError()).isTrue();
    assertThat(text(theirs)).startsWith("not_found: ");
    CallToolResult timeline =
        call(client(other), "list_events", Map.of("contactId", mine.get("customerId")));
    assertThat((List<?>) structured(timeline).get("data")).isEmpty();

    // writes aimed at this workspace's contact from the other workspace never reach it
    CallToolResult byId =
        call(
            client(other),
            "ingest_event",
            Map.of("event", "purchase", "customer", mine.get("customerId")));
    assertThat(byId.isError()).isTrue();
    assertThat(text(byId)).startsWith("contact_not_found: ");
    CallToolResult batch =
        call(
            client(other),
            "ingest_events",
            Map.of(
                "events",
                List.of(
                    Map.of("event", "purchase", "customer", mine.get("customerId")),
                    Map.of("event", "login", "email", "x@example.com"))));
    Map<String, Object> results = structured(batch);
    assertThat(results.get("rejected")).isEqualTo(1);
    assertThat(results.get("accepted")).isEqualTo(1);
    CallToolResult incoming = call(client(other), "list_incoming", Map.of());
    assertThat(incoming.isError()).isFalse();
    assertThat(structured(incoming).toString()).doesNotContain(mine.get("eventId").toString());
    assertThat(
            (List<?>)
                structured(
                        call(
                            client(key),
                            "list_events",
                            Map.of("contactId", mine.get("customerId"))))
                    .get("data"))
        .as("this workspace's contact has its one event still")
        .hasSize(1);
  }

  @Test
  void anUnknownKey_getsTheApisUnauthenticated() {
    CallToolResult refused = call(client("tl_live_not-a-key"), "list_events", Map.of());
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).isEqualTo("unauthenticated: missing, invalid or revoked API key");
  }
}
