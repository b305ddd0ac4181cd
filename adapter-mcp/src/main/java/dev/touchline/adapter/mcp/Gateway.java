package dev.touchline.adapter.mcp;

import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;

/**
 * Where the tools send the API requests they make: the engine's own API in a server ({@code
 * TouchlineApi::handle}), or a Touchline deployment over HTTP ({@link RemoteGateway}).
 */
@FunctionalInterface
public interface Gateway {

  /** Serves one request; a failure to reach the API is an unchecked exception. */
  ApiResponse send(ApiRequest request);
}
