package dev.touchline.adapter.sqs;

import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.EventQueue;
import dev.touchline.core.port.out.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The event queue of the asynchronous path on SQS: the events go out as envelopes naming their
 * incoming ids ({@link SqsEventPublisher}), which {@link SqsConsumer} ingests.
 */
public final class SqsEventQueue implements EventQueue {
  private final SqsEventPublisher publisher;

  public SqsEventQueue(SqsEventPublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void enqueue(WorkspaceId workspace, Instant receivedAt, List<Queued> events) {
    try {
      publisher.publish(workspace, receivedAt, events);
    } catch (SqsEventPublisher.PublishException | IllegalArgumentException e) {
      throw new StorageException("the events queue refused the events: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StorageException("the events queue is unavailable: " + e.getMessage(), e);
    }
  }
}
