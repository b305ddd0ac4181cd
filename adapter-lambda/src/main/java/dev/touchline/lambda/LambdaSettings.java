package dev.touchline.lambda;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
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
 * @param workspaces {@code TOUCHLINE_WORKSPACE} (default {@code default}) and {@code
 *     TOUCHLINE_SQS_WORKSPACES}: the workspaces whose envelopes the SQS function ingests
 * @param triggerQueueUrl {@code TOUCHLINE_SQS_TRIGGER_QUEUE_URL}: the workflow queue, else triggers
 *     are logged
 * @param batchConcurrency {@code TOUCHLINE_BATCH_CONCURRENCY} (1–256, default 16)
 * @param configRefresh {@code TOUCHLINE_CONFIG_REFRESH} in seconds, as on the server ({@code 5s} or
 *     {@code 5}; 0–3600, default 5)
 */
public record LambdaSettings(
    String region,
    String table,
    Optional<URI> dynamoDbEndpoint,
    Set<WorkspaceId> workspaces,
    Optional<String> triggerQueueUrl,
    int batchConcurrency,
    Duration configRefresh) {

  /** The settings in an environment (the process's: {@code System.getenv()}). */
  public static LambdaSettings from(Map<String, String> env) {
    String region = value(env, "AWS_REGION").orElseThrow(() -> missing("AWS_REGION"));
    String table = value(env, "TOUCHLINE_DYNAMODB_TABLE").orElse("touchline");
    Optional<URI> endpoint;
    try {
      endpoint = value(env, "TOUCHLINE_DYNAMODB_ENDPOINT").map(URI::create);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TOUCHLINE_DYNAMODB_ENDPOINT: not a URI: " + e.getMessage());
    }
    Set<WorkspaceId> workspaces = new LinkedHashSet<>();
    workspaces.add(
        workspace("TOUCHLINE_WORKSPACE", value(env, "TOUCHLINE_WORKSPACE").orElse("default")));
    for (String w : value(env, "TOUCHLINE_SQS_WORKSPACES").orElse("").split(",")) {
      if (!w.isBlank()) {
        workspaces.add(workspace("TOUCHLINE_SQS_WORKSPACES", w.strip()));
      }
    }
    int concurrency = number(env, "TOUCHLINE_BATCH_CONCURRENCY", 16, 1, 256);
    Map<String, String> seconds = new java.util.HashMap<>(env);
    value(env, "TOUCHLINE_CONFIG_REFRESH")
        .filter(v -> v.endsWith("s"))
        .ifPresent(v -> seconds.put("TOUCHLINE_CONFIG_REFRESH", v.substring(0, v.length() - 1)));
    int refresh = number(seconds, "TOUCHLINE_CONFIG_REFRESH", 5, 0, 3600);
    return new LambdaSettings(
        region,
        table,
        endpoint,
        java.util.Collections.unmodifiableSet(workspaces),
        value(env, "TOUCHLINE_SQS_TRIGGER_QUEUE_URL"),
        concurrency,
        Duration.ofSeconds(refresh));
  }

  /** The workspace that records messages naming no served workspace: the first one. */
  WorkspaceId logWorkspace() {
    return workspaces.iterator().next();
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static WorkspaceId workspace(String variable, String value) {
    try {
      return new WorkspaceId(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": " + e.getMessage());
    }
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number " + min + "-" + max + ", got '" + v.get() + "'");
    }
  }

  private static IllegalArgumentException missing(String name) {
    return new IllegalArgumentException(name + " is not set");
  }
}
