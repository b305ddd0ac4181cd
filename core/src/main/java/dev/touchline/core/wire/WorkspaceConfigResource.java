package dev.touchline.core.wire;

import static dev.touchline.core.wire.ApiSupport.answer;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /v1/workspace/config}: the caller's workspace's configuration document. */
public final class WorkspaceConfigResource {
  private final ApiSupport support;

  WorkspaceConfigResource(ApiSupport support) {
    this.support = support;
  }

  /** {@code GET /v1/workspace/config}; {@code X-Config-Version} gives its version. */
  public ApiResponse get(ApiCall call) {
    return answer(
        "GET /v1/workspace/config",
        () -> config(support.engine().workspaceConfig().get(support.caller(call, List.of()))));
  }

  /** {@code PUT /v1/workspace/config}: replaces the document. */
  public ApiResponse replace(ApiCall call, byte[] body) {
    return answer(
        "PUT /v1/workspace/config",
        () -> {
          Caller caller = support.caller(call, List.of());
          return config(
              support
                  .engine()
                  .workspaceConfig()
                  .replace(
                      caller,
                      JsonBodies.text(
                          support.body(call, body), support.engine().limits().maxBodyBytes())));
        });
  }

  private static ApiResponse config(StoredConfig stored) {
    return new ApiResponse(
        200,
        Map.of(
            "Content-Type",
            "application/json",
            "X-Config-Version",
            Long.toString(stored.version())),
        stored.document().getBytes(StandardCharsets.UTF_8));
  }
}
