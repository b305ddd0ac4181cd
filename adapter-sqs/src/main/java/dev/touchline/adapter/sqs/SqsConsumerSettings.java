package dev.touchline.adapter.sqs;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link SqsConsumer} reads its queue. Every value is bounded; {@link #builder} starts from
 * the defaults.
 *
 * @param queueUrl the events queue
 * @param workspaces the workspaces whose envelopes are ingested (the first also records messages
 *     that name no served workspace)
 * @param pollers threads receiving at once (1–64, default 2); each works up to 10 messages at once
 * @param waitTime long-polling wait of one receive (0–20 s, default 20 s)
 * @param visibilityTimeout how long a received message stays hidden (1 s–12 h); empty: the queue's
 *     own, read once at start. Work still running at half of it is extended by the same again
 * @param maxMessageBytes the longest message read (1 KiB–1 MiB, default 1 MiB)
 * @param shutdownGrace how long {@link SqsConsumer#close()} lets work in flight finish before it
 *     hands the rest back to the queue (0–15 min, default 30 s)
 */
public record SqsConsumerSettings(
    String queueUrl,
    Set<WorkspaceId> workspaces,
    int pollers,
    Duration waitTime,
    Optional<Duration> visibilityTimeout,
    int maxMessageBytes,
    Duration shutdownGrace) {
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  public SqsConsumerSettings {
    Objects.requireNonNull(queueUrl, "queueUrl");
    if (queueUrl.isBlank()) {
      throw new IllegalArgumentException("queueUrl must not be blank");
    }
    workspaces = Collections.unmodifiableSet(new LinkedHashSet<>(workspaces)); // order kept
    if (workspaces.isEmpty()) {
      throw new IllegalArgumentException("workspaces: at least one workspace must be served");
    }
    range("pollers", pollers, 1, 64);
    within("waitTime", waitTime, Duration.ZERO, Duration.ofSeconds(20));
    visibilityTimeout.ifPresent(
        v -> within("visibilityTimeout", v, Duration.ofSeconds(1), Duration.ofHours(12)));
    range("maxMessageBytes", maxMessageBytes, 1024, MAX_MESSAGE_BYTES);
    within("shutdownGrace", shutdownGrace, Duration.ZERO, Duration.ofMinutes(15));
  }

  public static Builder builder(String queueUrl, WorkspaceId workspace) {
    return new Builder(queueUrl, workspace);
  }

  private static void range(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", got " + value);
    }
  }

  private static void within(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** Settings from the defaults, one value at a time. */
  public static final class Builder {
    private final String queueUrl;
    private final LinkedHashSet<WorkspaceId> workspaces = new LinkedHashSet<>();
    private int pollers = 2;
    private Duration waitTime = Duration.ofSeconds(20);
    private Optional<Duration> visibilityTimeout = Optional.empty();
    private int maxMessageBytes = MAX_MESSAGE_BYTES;
    private Duration shutdownGrace = Duration.ofSeconds(30);

    private Builder(String queueUrl, WorkspaceId workspace) {
      this.queueUrl = queueUrl;
      this.workspaces.add(Objects.requireNonNull(workspace, "workspace"));
    }

    /** One more workspace this consumer serves. */
    public Builder alsoServe(WorkspaceId workspace) {
      workspaces.add(Objects.requireNonNull(workspace, "workspace"));
      return this;
    }

    public Builder pollers(int value) {
      this.pollers = value;
      return this;
    }

    public Builder waitTime(Duration value) {
      this.waitTime = value;
      return this;
    }

    public Builder visibilityTimeout(Duration value) {
      this.visibilityTimeout = Optional.of(value);
      return this;
    }

    public Builder maxMessageBytes(int value) {
      this.maxMessageBytes = value;
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = value;
      return this;
    }

    public SqsConsumerSettings build() {
      return new SqsConsumerSettings(
          queueUrl,
          workspaces,
          pollers,
          waitTime,
          visibilityTimeout,
          maxMessageBytes,
          shutdownGrace);
    }
  }

  /** The workspace that records messages naming no served workspace: the first one given. */
  WorkspaceId logWorkspace() {
    return workspaces.iterator().next();
  }
}
