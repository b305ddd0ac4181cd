package dev.touchline.adapter.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport, stateless, for any HTTP server: a server hands each {@code POST
 * /mcp} body (and the caller's credentials) to {@link #post} and writes the {@link Answer} back.
 * Requests are answered with one JSON-RPC response ({@code application/json}), notifications with
 * {@code 202}; no session, no event stream ({@code GET} and {@code DELETE} are the server's {@code
 * 405}).
 */
public final class StatelessHttpEndpoint implements McpStatelessServerTransport {
  private static final Logger LOG = Logger.getLogger(StatelessHttpEndpoint.class.getName());

  /** What to answer: a status and a JSON body ({@code ""} for none). */
  public record Answer(int status, String body) {
    public Answer {
      Objects.requireNonNull(body, "body");
    }
  }

  private static final ObjectMapper ERRORS = new ObjectMapper();

  private final McpJsonMapper json = McpJson.mapper();
  private final McpStatelessSyncServer server;
  private volatile McpStatelessServerHandler handler;
  private volatile boolean closing;

  /** An endpoint serving Touchline's tools through {@code gateway}. */
  public StatelessHttpEndpoint(Gateway gateway, String version) {
    this.server =
        McpServer.sync(this)
            .serverInfo("touchline", version)
            .instructions(
                "Record what an agent did or observed about a contact as events, read contacts"
                    + " and their timelines, and see why an event did not land.")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .jsonMapper(json)
            .validateToolInputs(false) // the API validates, with its own codes and fields
            .tools(new TouchlineTools(gateway).stateless())
            .build();
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> closing = true);
  }

  /** The transport's close, called by the server as it closes: answers {@code 503} from now. */
  @Override
  public void close() {
    closing = true;
  }

  /** Closes the MCP server (and so this transport). */
  public void stop() {
    server.close();
  }

  /**
   * Serves one {@code POST /mcp} body.
   *
   * @param context the request's transport context, with its credentials ({@link
   *     TouchlineTools#context})
   */
  public Answer post(String body, McpTransportContext context) {
    if (closing) {
      return error(503, McpSchema.ErrorCodes.INTERNAL_ERROR, "the server is stopping");
    }
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, body);
    } catch (IOException | IllegalArgumentException e) {
      return error(400, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC request or notification");
    }
    try {
      if (message instanceof McpSchema.JSONRPCRequest request) {
        McpSchema.JSONRPCResponse response =
            handler
                .handleRequest(context, request)
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .block();
        return new Answer(200, json.writeValueAsString(response));
      }
      if (message instanceof McpSchema.JSONRPCNotification notification) {
        handler
            .handleNotification(context, notification)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context))
            .block();
        return new Answer(202, "");
      }
      return error(
          400,
          McpSchema.ErrorCodes.INVALID_REQUEST,
          "this endpoint takes requests and notifications");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "MCP request failed", e);
      return error(
          500, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error; the call may be retried");
    }
  }

  /** A JSON-RPC error answer with no id (the request's could not be read, or there is none). */
  private static Answer error(int status, int code, String message) {
    ObjectNode root = ERRORS.createObjectNode();
    root.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    root.putNull("id");
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return new Answer(status, root.toString());
  }
}
