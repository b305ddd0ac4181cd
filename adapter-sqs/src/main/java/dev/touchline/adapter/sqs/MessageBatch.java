package dev.touchline.adapter.sqs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works the messages of one receive (a poller's, or a Lambda's SQS event) through an {@link
 * EnvelopeProcessor}: messages at once, but those of one FIFO message group one after another in
 * order, and once one of a group is left for redelivery the ones after it are left too, so a
 * contact's events never overtake each other. A message whose work throws is left for redelivery.
 */
public final class MessageBatch {
  private static final Logger LOG = Logger.getLogger(MessageBatch.class.getName());

  /**
   * One received message: its id, its body, and its FIFO message group (null on a standard queue).
   */
  public record Item(String id, String body, String group) {}

  private final EnvelopeProcessor processor;
  private final ExecutorService workers;

  public MessageBatch(EnvelopeProcessor processor, ExecutorService workers) {
    this.processor = processor;
    this.workers = workers;
  }

  /** What became of each message, in the order given. */
  public List<EnvelopeProcessor.Result> work(List<Item> items) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      groups
          .computeIfAbsent(
              item.group() == null ? "-" + i : "g" + item.group(), g -> new ArrayList<>())
          .add(i);
    }
    List<Future<List<EnvelopeProcessor.Result>>> work = new ArrayList<>(groups.size());
    for (List<Integer> group : groups.values()) {
      work.add(workers.submit(() -> inOrder(items, group)));
    }
    EnvelopeProcessor.Result[] results = new EnvelopeProcessor.Result[items.size()];
    int g = 0;
    for (List<Integer> group : groups.values()) {
      List<EnvelopeProcessor.Result> done = await(work.get(g++), group.size());
      for (int k = 0; k < group.size(); k++) {
        results[group.get(k)] = done.get(k);
      }
    }
    return List.of(results);
  }

  private List<EnvelopeProcessor.Result> inOrder(List<Item> items, List<Integer> group) {
    List<EnvelopeProcessor.Result> results = new ArrayList<>(group.size());
    boolean held = false;
    for (int i : group) {
      EnvelopeProcessor.Result r = held ? EnvelopeProcessor.Result.RETRY : process(items.get(i));
      held |= r == EnvelopeProcessor.Result.RETRY || r == EnvelopeProcessor.Result.WAIT;
      results.add(r);
    }
    return results;
  }

  private EnvelopeProcessor.Result process(Item item) {
    try {
      return processor.process(item.body());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "message " + item.id() + " failed; it stays on the queue", e);
      return EnvelopeProcessor.Result.RETRY;
    }
  }

  private static List<EnvelopeProcessor.Result> await(
      Future<List<EnvelopeProcessor.Result>> result, int size) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true; // the messages are being worked: their results decide their fate
        } catch (ExecutionException e) {
          LOG.log(
              Level.WARNING, "a message group's work failed; it stays on the queue", e.getCause());
          return Collections.nCopies(size, EnvelopeProcessor.Result.RETRY);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
