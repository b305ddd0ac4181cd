package dev.touchline.adapter.lambda;

import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the functions read from their environment, checked once at start; a bad value stops the
 * start with a message naming the variable.
 *
 * @param region {@code AWS_REGION} (Lambda sets it)
 * @param table {@code TOUCHLINE_DYNAMODB_TABLE} (default {@code touchline})
 * @param dynamoDbEndpoint {@code TOUCHLINE_DYNAMODB_ENDPOINT}: an endpoint override (local runs)
 * @param sqsEndpoint {@code TOUCHLINE_SQS_ENDPOINT}: an endpoint override (local runs)
 * @param workspace {@code TOUCHLINE_WORKSPACE} (default {@code default}): the workspace of the
 *     bootstrap key, and the one that records envelopes naming no served workspace
 * @param workspaces the workspace above and those of {@code TOUCHLINE_SQS_WORKSPACES}: the
 *     workspaces whose envelopes the SQS function ingests
 * @param bootstrapKey {@code TOUCHLINE_BOOTSTRAP_KEY}: a key with every scope on {@code workspace},
 *     registered at the first start that finds it unknown
 * @param bootstrapRateLimit {@code TOUCHLINE_BOOTSTRAP_RATE_LIMIT}: the bootstrap key's rate limit
 *     when it is registered ({@code <requests per second>[,<burst>]}, default {@code 100,200})
 * @param queueUrl {@code TOUCHLINE_SQS_QUEUE_URL}: the events queue
 * @param asynchronous {@code TOUCHLINE_INGEST_MODE} ({@code sync} or {@code async}, default {@code
 *     sync}): whether {@code POST /v1/events} queues the events (202) instead of ingesting them
 * @param triggerQueueUrl {@code TOUCHLINE_SQS_TRIGGER_QUEUE_URL}: the workflow queue, else fired
 *     triggers are logged
 * @param batchConcurrency {@code TOUCHLINE_BATCH_CONCURRENCY} (1–256, default 16)
 * @param configRefresh {@code TOUCHLINE_CONFIG_REFRESH} in seconds, as on the server ({@code 5s} or
 *     {@code 5}; 0–3600, default 5)
 * @param priming {@code TOUCHLINE_SNAPSTART_PRIMING} ({@code true} or {@code false}, default {@code
 *     true}): whether the function warms its code paths before a SnapStart snapshot
 */
public record LambdaSettings(
    String region,
    String table,
    Optional<URI> dynamoDbEndpoint,
    Optional<URI> sqsEndpoint,
    WorkspaceId workspace,
    Set<WorkspaceId> workspaces,
    Optional<String> bootstrapKey,
    RateLimit bootstrapRateLimit,
    Optional<String> queueUrl,
    boolean asynchronous,
    Optional<String> triggerQueueUrl,
    int batchConcurrency,
    Duration configRefresh,
    boolean priming) {

  /** Every variable the functions read. */
  public static final Set<String> VARIABLES =
      Set.of(
          "AWS_REGION",
          "TOUCHLINE_DYNAMODB_TABLE",
          "TOUCHLINE_DYNAMODB_ENDPOINT",
          "TOUCHLINE_SQS_ENDPOINT",
          "TOUCHLINE_WORKSPACE",
          "TOUCHLINE_SQS_WORKSPACES",
          "TOUCHLINE_BOOTSTRAP_KEY",
          "TOUCHLINE_BOOTSTRAP_RATE_LIMIT",
          "TOUCHLINE_SQS_QUEUE_URL",
          "TOUCHLINE_INGEST_MODE",
          "TOUCHLINE_SQS_TRIGGER_QUEUE_URL",
          "TOUCHLINE_BATCH_CONCURRENCY",
          "TOUCHLINE_CONFIG_REFRESH",
          "TOUCHLINE_SNAPSTART_PRIMING");

  /** The settings in an environment (the process's: {@code System.getenv()}). */
  public static LambdaSettings from(Map<String, String> env) {
    String region = value(env, "AWS_REGION").orElseThrow(() -> missing("AWS_REGION"));
    WorkspaceId workspace =
        workspace("TOUCHLINE_WORKSPACE", value(env, "TOUCHLINE_WORKSPACE").orElse("default"));
    Set<WorkspaceId> workspaces = new LinkedHashSet<>();
    workspaces.add(workspace);
    for (String w : value(env, "TOUCHLINE_SQS_WORKSPACES").orElse("").split(",")) {
      if (!w.isBlank()) {
        workspaces.add(workspace("TOUCHLINE_SQS_WORKSPACES", w.strip()));
      }
    }
    Optional<String> bootstrapKey = value(env, "TOUCHLINE_BOOTSTRAP_KEY");
    if (bootstrapKey.isPresent() && !ApiKeySecrets.isWellFormed(bootstrapKey.get())) {
      throw new IllegalArgumentException(
          "TOUCHLINE_BOOTSTRAP_KEY is not a Touchline key (tl_live_<32 letters or digits>_<6"
              + " checksum characters>)");
    }
    RateLimit bootstrapRateLimit;
    try {
      bootstrapRateLimit =
          value(env, "TOUCHLINE_BOOTSTRAP_RATE_LIMIT")
              .map(RateLimit::parse)
              .orElse(RateLimit.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TOUCHLINE_BOOTSTRAP_RATE_LIMIT: " + e.getMessage());
    }
    Optional<String> queueUrl = value(env, "TOUCHLINE_SQS_QUEUE_URL");
    boolean asynchronous = asynchronous(value(env, "TOUCHLINE_INGEST_MODE").orElse("sync"));
    if (asynchronous && queueUrl.isEmpty()) {
      throw new IllegalArgumentException(
          "TOUCHLINE_INGEST_MODE=async needs the events queue: set TOUCHLINE_SQS_QUEUE_URL");
    }
    String refresh = value(env, "TOUCHLINE_CONFIG_REFRESH").orElse("5");
    return new LambdaSettings(
        region,
        value(env, "TOUCHLINE_DYNAMODB_TABLE").orElse("touchline"),
        uri(env, "TOUCHLINE_DYNAMODB_ENDPOINT"),
        uri(env, "TOUCHLINE_SQS_ENDPOINT"),
        workspace,
        Collections.unmodifiableSet(workspaces),
        bootstrapKey,
        bootstrapRateLimit,
        queueUrl,
        asynchronous,
        value(env, "TOUCHLINE_SQS_TRIGGER_QUEUE_URL"),
        number("TOUCHLINE_BATCH_CONCURRENCY", value(env, "TOUCHLINE_BATCH_CONCURRENCY"), 1, 256)
            .orElse(16),
        Duration.ofSeconds(
            number(
                    "TOUCHLINE_CONFIG_REFRESH",
                    Optional.of(
                        refresh.endsWith("s")
                            ? refresh.substring(0, refresh.length() - 1)
                            : refresh),
                    0,
                    3600)
                .orElseThrow()),
        bool(env, "TOUCHLINE_SNAPSTART_PRIMING", true));
  }

  /** The workspace that records messages naming no served workspace: the first one. */
  WorkspaceId logWorkspace() {
    return workspace;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static Optional<URI> uri(Map<String, String> env, String name) {
    try {
      Optional<URI> uri = value(env, name).map(URI::create);
      if (uri.isPresent() && (uri.get().getScheme() == null || uri.get().getHost() == null)) {
        throw new IllegalArgumentException("'" + uri.get() + "' has no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": not an endpoint URI: " + e.getMessage());
    }
  }

  private static boolean asynchronous(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "sync" -> false;
      case "async" -> true;
      default ->
          throw new IllegalArgumentException(
              "TOUCHLINE_INGEST_MODE must be sync or async, not '" + mode + "'");
    };
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    return value(env, name)
        .map(
            v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw new IllegalArgumentException(
                          name + " must be true or false, not '" + v + "'");
                })
        .orElse(fallback);
  }

  private static WorkspaceId workspace(String variable, String value) {
    try {
      return new WorkspaceId(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": " + e.getMessage());
    }
  }

  private static Optional<Integer> number(String name, Optional<String> v, int min, int max) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return Optional.of(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number " + min + "-" + max + ", got '" + v.get() + "'");
    }
  }

  private static IllegalArgumentException missing(String name) {
    return new IllegalArgumentException(name + " is not set");
  }
}
