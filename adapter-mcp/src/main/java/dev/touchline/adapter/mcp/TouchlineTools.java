package dev.touchline.adapter.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The ingestion API as MCP tools: {@code ingest_event}, {@code ingest_events}, {@code get_contact},
 * {@code list_events}, {@code list_incoming}. Each tool makes the API request its route takes and
 * answers with the API's document as structured content and a one-line summary; a refusal is a tool
 * error ({@code isError}) whose text carries the code, message and field. Scopes and workspaces are
 * the API's: a tool needs its route's scope and never leaves the key's workspace.
 */
public final class TouchlineTools {
  public static final String INGEST_EVENT = "ingest_event";
  public static final String INGEST_EVENTS = "ingest_events";
  public static final String GET_CONTACT = "get_contact";
  public static final String LIST_EVENTS = "list_events";
  public static final String LIST_INCOMING = "list_incoming";

  /** The transport-context key under which an HTTP transport puts the request's credentials. */
  public static final String CREDENTIALS = "touchline.credentials";

  private static final ObjectMapper JSON = McpJson.objectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Gateway gateway;
  private final List<Tool> tools;

  public TouchlineTools(Gateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.tools =
        List.of(
            tool(
                INGEST_EVENT,
                "Record one event in a contact's timeline",
                "Ingest one event about a contact (an email sent, a call placed, a page observed,"
                    + " a purchase), exactly as POST /v1/events takes it. The contact is resolved"
                    + " by customer id, else email > phone > externalId (give at least one), and"
                    + " created when unknown. Duplicates (same messageId) and noise (bots,"
                    + " throttled opens) are answered, not stored twice. Scope events:write.",
                false),
            tool(
                INGEST_EVENTS,
                "Record up to 500 events",
                "Ingest a batch of 1 to 500 events, each as ingest_event takes it; the answer"
                    + " has one result per event, in order, and an event that is refused never"
                    + " sinks the others. Scope events:write.",
                false),
            tool(
                GET_CONTACT,
                "Read a contact",
                "A contact with its identities, attributes, tags, score, segments and lifecycle"
                    + " stage, by id or by exactly one of email, phone, externalId. Scope"
                    + " contacts:read.",
                true),
            tool(
                LIST_EVENTS,
                "Read a contact's timeline",
                "A contact's events, newest first (or the workspace's, without contactId),"
                    + " optionally of one type, a page at a time. Scope events:read.",
                true),
            tool(
                LIST_INCOMING,
                "Why did my event not land?",
                "The incoming log: every event received with its status (processed, rejected,"
                    + " discarded, duplicate, failed) and the error that refused it. Scope"
                    + " events:read.",
                true));
  }

  /** The tools as they are listed, with their input schemas. */
  public List<Tool> tools() {
    return tools;
  }

  /** The tools for a stateless server (HTTP): credentials come from the transport context. */
  public List<McpStatelessServerFeatures.SyncToolSpecification> stateless() {
    List<McpStatelessServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
    for (Tool tool : tools) {
      specs.add(
          new McpStatelessServerFeatures.SyncToolSpecification(
              tool, (context, request) -> call(request, credentials(context))));
    }
    return specs;
  }

  /** The tools for a session server (stdio): the gateway carries the credentials. */
  public List<McpServerFeatures.SyncToolSpecification> sessions() {
    List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
    for (Tool tool : tools) {
      specs.add(
          new McpServerFeatures.SyncToolSpecification(
              tool, (exchange, request) -> call(request, Map.of())));
    }
    return specs;
  }

  /** A transport context carrying a request's credentials, as the API reads them. */
  public static McpTransportContext context(
      Optional<String> apiKey, Optional<String> authorization) {
    Map<String, String> headers = new TreeMap<>();
    apiKey.ifPresent(k -> headers.put("X-API-Key", k));
    authorization.ifPresent(a -> headers.put("Authorization", a));
    return McpTransportContext.create(Map.of(CREDENTIALS, Map.copyOf(headers)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> credentials(McpTransportContext context) {
    Object found = context == null ? null : context.get(CREDENTIALS);
    return found instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
  }

  /** Serves one tool call; never throws for bad arguments (they are a tool error). */
  CallToolResult call(CallToolRequest request, Map<String, String> credentials) {
    Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
    ApiRequest api;
    try {
      api = request(request.name(), args, credentials);
    } catch (IllegalArgumentException e) {
      return error("invalid_payload: " + e.getMessage(), Map.of());
    }
    ApiResponse response = gateway.send(api);
    Map<String, Object> document = document(response);
    if (response.status() >= 400) {
      return error(errorText(response.status(), document), document);
    }
    return CallToolResult.builder()
        .structuredContent(document)
        .addTextContent(summary(request.name(), response.status(), document))
        .isError(false)
        .build();
  }

  private ApiRequest request(String tool, Map<String, Object> args, Map<String, String> headers) {
    switch (tool) {
      case INGEST_EVENT:
        return post(args, headers);
      case INGEST_EVENTS:
        only(args, Set.of("events"));
        if (!(args.get("events") instanceof List<?>)) {
          throw new IllegalArgumentException("events must be an array of 1 to 500 events");
        }
        return post(args, headers);
      case GET_CONTACT:
        {
          only(args, Set.of("id", "email", "phone", "externalId"));
          List<String> given =
              args.keySet().stream().filter(k -> args.get(k) != null).sorted().toList();
          if (given.size() != 1) {
            throw new IllegalArgumentException("give exactly one of id, email, phone, externalId");
          }
          String by = given.get(0);
          String value = text(args, by);
          return by.equals("id")
              ? get("/v1/contacts/" + value, Map.of(), headers)
              : get("/v1/contacts", Map.of(by, value), headers);
        }
      case LIST_EVENTS:
        only(args, Set.of("contactId", "type", "limit", "cursor"));
        return get("/v1/events", query(args), headers);
      case LIST_INCOMING:
        only(args, Set.of("status", "limit", "cursor"));
        return get("/v1/events/incoming", query(args), headers);
      default:
        throw new IllegalArgumentException("no tool " + Excerpt.quoted(tool));
    }
  }

  private static ApiRequest post(Map<String, Object> body, Map<String, String> headers) {
    byte[] bytes;
    try {
      // McpJson escapes every non-ASCII character: a string the agent sent with an unpaired
      // surrogate reaches the API as it was sent (and is refused there), never silently replaced.
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the arguments are not JSON: " + e.getOriginalMessage());
    }
    return new ApiRequest("POST", "/v1/events", Map.of(), json(headers), bytes);
  }

  private static ApiRequest get(
      String path, Map<String, String> query, Map<String, String> headers) {
    Map<String, List<String>> q = new TreeMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return new ApiRequest("GET", path, q, json(headers), new byte[0]);
  }

  private static Map<String, String> json(Map<String, String> headers) {
    Map<String, String> all = new TreeMap<>(headers);
    all.put("Content-Type", "application/json");
    return all;
  }

  private static Map<String, String> query(Map<String, Object> args) {
    Map<String, String> query = new LinkedHashMap<>();
    args.forEach(
        (k, v) -> {
          if (v != null) {
            query.put(k, v instanceof String s ? s : String.valueOf(v));
          }
        });
    return query;
  }

  private static void only(Map<String, Object> args, Set<String> known) {
    for (String name : args.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown argument "
                + Excerpt.quoted(name)
                + "; this tool takes "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static String text(Map<String, Object> args, String name) {
    if (!(args.get(name) instanceof String value) || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank string");
    }
    return value;
  }

  private static Map<String, Object> document(ApiResponse response) {
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node != null && node.isObject()) {
        return JSON.convertValue(node, MAP);
      }
    } catch (IOException notJson) {
      // an answer that is not a document (a gateway's HTML error page): described below
    }
    return Map.of(
        "error",
        Map.of(
            "code",
            "internal_error",
            "message",
            "Touchline answered " + response.status() + " without a JSON document"));
  }

  @SuppressWarnings("unchecked")
  private static String errorText(int status, Map<String, Object> document) {
    Object error = document.get("error");
    if (error instanceof Map<?, ?> e) {
      Map<String, Object> fields = (Map<String, Object>) e;
      return fields.get("code")
          + ": "
          + fields.get("message")
          + (fields.get("field") == null ? "" : " (field: " + fields.get("field") + ")");
    }
    return "error " + status;
  }

  private static CallToolResult error(String text, Map<String, Object> document) {
    CallToolResult.Builder b = CallToolResult.builder().addTextContent(text).isError(true);
    if (!document.isEmpty()) {
      b.structuredContent(document);
    }
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static String summary(String tool, int status, Map<String, Object> d) {
    switch (tool) {
      case INGEST_EVENT:
        if (d.containsKey("incomingId")) {
          return "received: queued as incoming " + d.get("incomingId");
        }
        Object s = d.get("status");
        if ("accepted".equals(s)) {
          return "accepted: event "
              + d.get("eventId")
              + " for contact "
              + d.get("customerId")
              + " (resolved by "
              + d.get("resolved")
              + ")";
        }
        if ("duplicate".equals(s)) {
          return "duplicate of event " + d.get("eventId") + " (" + d.get("reason") + ")";
        }
        return s + (d.get("reason") == null ? "" : " (" + d.get("reason") + ")");
      case INGEST_EVENTS:
        return d.get("accepted")
            + " accepted, "
            + d.get("duplicates")
            + " duplicates, "
            + d.get("discarded")
            + " discarded, "
            + d.get("rejected")
            + " rejected"
            + (status == 202 ? " (queued)" : "");
      case GET_CONTACT:
        return "contact "
            + d.get("id")
            + identity(d)
            + ", score "
            + d.get("score")
            + ", tags "
            + d.get("tags")
            + (d.get("lifecycle") == null ? "" : ", lifecycle " + d.get("lifecycle"));
      default:
        List<Object> data = d.get("data") instanceof List<?> l ? (List<Object>) l : List.of();
        String what = tool.equals(LIST_EVENTS) ? " events" : " incoming entries";
        return data.size()
            + what
            + (d.get("nextCursor") == null ? "" : "; more with cursor " + d.get("nextCursor"));
    }
  }

  private static String identity(Map<String, Object> d) {
    for (String field : List.of("email", "phone", "externalId")) {
      if (d.get(field) != null) {
        return " (" + d.get(field) + ")";
      }
    }
    return "";
  }

  private static Tool tool(String name, String title, String description, boolean readOnly) {
    return Tool.builder()
        .name(name)
        .title(title)
        .description(description)
        .inputSchema(schema(name))
        .annotations(new ToolAnnotations(title, readOnly, false, readOnly, false, null))
        .build();
  }

  private static Map<String, Object> schema(String tool) {
    String resource = tool + ".schema.json";
    try (InputStream in = TouchlineTools.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For tests: the tool's handler applied to arguments, as a stateless server would. */
  Function<Map<String, Object>, CallToolResult> handler(String tool, Map<String, String> headers) {
    return args -> call(new CallToolRequest(tool, args), headers);
  }
}
