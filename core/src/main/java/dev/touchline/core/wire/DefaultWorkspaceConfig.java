package dev.touchline.core.wire;

import dev.touchline.core.domain.dedup.BotPolicy;
import dev.touchline.core.domain.dedup.BusinessKey;
import dev.touchline.core.domain.dedup.DedupPolicy;
import dev.touchline.core.domain.dedup.Throttle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The default workspace configuration: messageId dedup for 24 h, {@code purchase} deduplicated on
 * {@code properties.orderId}, {@code email_opened} at most once per contact per 20 minutes, bot
 * filtering, unknown contacts created, phone region US.
 */
public final class DefaultWorkspaceConfig {
  /** The dedup section fields left out of a document fall back to. */
  static final DedupPolicy DEDUP =
      new DedupPolicy(
          Duration.ofHours(24),
          List.of(new BusinessKey("purchase", "orderId", Optional.empty())),
          List.of(new Throttle("email_opened", Duration.ofMinutes(20), Optional.empty())),
          BotPolicy.DEFAULT);

  private static final String RESOURCE = "/dev/touchline/core/default-workspace-config.json";

  private DefaultWorkspaceConfig() {}

  /** The default configuration document, as served by {@code GET /v1/workspace/config}. */
  public static String document() {
    try (InputStream in = DefaultWorkspaceConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
