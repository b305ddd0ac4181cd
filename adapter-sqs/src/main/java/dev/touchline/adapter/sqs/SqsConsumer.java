package dev.touchline.adapter.sqs;

import dev.touchline.core.Touchline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads the events queue and ingests its envelopes through the engine. Each poller long-polls for
 * up to 10 messages, works them at once (on a FIFO queue, one message group's in order), then
 * deletes the finished ones (and the poison ones, once recorded in the incoming log) with one batch
 * call; a message that failed for a retryable reason is left alone, so SQS delivers it again and,
 * after the queue's receive count, moves it to the dead-letter queue; one whose events another
 * delivery is still working on is looked at again after {@link #WAIT}. Work still running at half
 * the visibility timeout is extended. {@link #close()} stops receiving, lets the work in flight
 * finish within the shutdown grace, deletes what finished and hands the rest back to the queue at
 * once.
 */
public final class SqsConsumer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SqsConsumer.class.getName());
  private static final int RECEIVE_MAX = 10;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** How soon a message whose events another delivery is working on is looked at again. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private final SqsClient sqs;
  private final SqsConsumerSettings settings;
  private final EnvelopeProcessor processor;
  private final ExecutorService pollers;
  private final ExecutorService workers;
  private final ScheduledExecutorService keeper;
  private final MessageBatch batch;
  private final Map<String, Received> inFlight = new ConcurrentHashMap<>();
  private final Stats stats = new Stats();
  private volatile boolean running;
  private volatile Duration visibility;

  /** A message being worked, with the time its visibility runs out. */
  private static final class Received {
    final Message message;
    volatile Instant hiddenUntil;

    Received(Message message, Instant hiddenUntil) {
      this.message = message;
      this.hiddenUntil = hiddenUntil;
    }
  }

  /** Counts since start, for logs, tests and benchmarks. */
  public static final class Stats {
    final AtomicLong received = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong poison = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong apiCalls = new AtomicLong();

    /** Messages received, including redeliveries. */
    public long received() {
      return received.get();
    }

    /** Messages ingested and deleted. */
    public long done() {
      return done.get();
    }

    /** Messages recorded as poison and deleted. */
    public long poison() {
      return poison.get();
    }

    /** Messages left on the queue for redelivery. */
    public long retried() {
      return retried.get();
    }

    /** SQS calls made (receives, deletes, visibility changes). */
    public long apiCalls() {
      return apiCalls.get();
    }
  }

  public SqsConsumer(SqsClient sqs, Touchline engine, SqsConsumerSettings settings) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.processor =
        new EnvelopeProcessor(
            engine, settings.workspaces(), settings.logWorkspace(), settings.maxMessageBytes());
    this.pollers = Executors.newFixedThreadPool(settings.pollers(), named("touchline-sqs-poll"));
    this.workers =
        Executors.newFixedThreadPool(settings.pollers() * RECEIVE_MAX, named("touchline-sqs-work"));
    this.keeper = Executors.newSingleThreadScheduledExecutor(named("touchline-sqs-visibility"));
    this.batch = new MessageBatch(processor, workers);
  }

  public Stats stats() {
    return stats;
  }

  /** The visibility timeout received messages are given (known once started). */
  Duration visibility() {
    return visibility;
  }

  /** Sets who is told of each envelope ingested, with its events' outcomes (none by default). */
  public void listener(EnvelopeProcessor.Listener value) {
    processor.listener(value);
  }

  /** Starts the pollers (once). The visibility timeout is read from the queue unless set. */
  public synchronized void start() {
    if (running) {
      return;
    }
    visibility = settings.visibilityTimeout().orElseGet(this::queueVisibility);
    running = true;
    for (int i = 0; i < settings.pollers(); i++) {
      pollers.execute(this::poll);
    }
    long tick = Math.max(200, visibility.toMillis() / 4);
    keeper.scheduleWithFixedDelay(this::extend, tick, tick, TimeUnit.MILLISECONDS);
    LOG.info(
        "consuming "
            + settings.queueUrl()
            + " with "
            + settings.pollers()
            + " pollers, visibility "
            + visibility
            + ", workspaces "
            + settings.workspaces());
  }

  private Duration queueVisibility() {
    stats.apiCalls.incrementAndGet();
    String value =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(settings.queueUrl())
                        .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes()
            .get(QueueAttributeName.VISIBILITY_TIMEOUT);
    long seconds = value == null ? 0 : Long.parseLong(value);
    if (seconds < 1) {
      // A queue whose messages are never hidden would hand each one to every poller at once.
      LOG.warning(
          "the queue's visibility timeout is " + seconds + " s; the consumer hides messages 30 s");
      return Duration.ofSeconds(30);
    }
    return Duration.ofSeconds(seconds);
  }

  private void poll() {
    Duration backoff = Duration.ofMillis(500);
    while (running) {
      try {
        pollOnce();
        backoff = Duration.ofMillis(500);
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.log(
            Level.WARNING,
            "receiving from " + settings.queueUrl() + " failed; retrying in " + backoff,
            e);
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * One receive: its messages worked at once, the finished ones deleted. On a FIFO queue the
   * messages of one message group are worked one after another, in order, and once one of them is
   * left for redelivery the ones after it are left too, so a contact's events never overtake each
   * other. Returns how many messages came.
   */
  int pollOnce() {
    stats.apiCalls.incrementAndGet();
    List<Message> messages =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(settings.queueUrl())
                        .maxNumberOfMessages(RECEIVE_MAX)
                        .waitTimeSeconds((int) settings.waitTime().toSeconds())
                        .visibilityTimeout((int) visibility.toSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
            .messages();
    if (messages.isEmpty()) {
      return 0;
    }
    stats.received.addAndGet(messages.size());
    Instant hiddenUntil = Instant.now().plus(visibility);
    List<MessageBatch.Item> items = new ArrayList<>(messages.size());
    for (Message m : messages) {
      inFlight.put(m.messageId(), new Received(m, hiddenUntil));
      items.add(
          new MessageBatch.Item(
              m.messageId(),
              m.body(),
              m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)));
    }
    List<EnvelopeProcessor.Result> results = batch.work(items);
    List<Message> finished = new ArrayList<>();
    List<Received> waiting = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      switch (results.get(i)) {
        case DONE -> {
          stats.done.incrementAndGet();
          finished.add(m);
        }
        case POISON -> {
          stats.poison.incrementAndGet();
          finished.add(m);
        }
        case RETRY -> {
          stats.retried.incrementAndGet();
          inFlight.remove(m.messageId()); // left hidden until its visibility runs out
        }
        case WAIT -> {
          stats.retried.incrementAndGet();
          waiting.add(inFlight.remove(m.messageId()));
        }
      }
    }
    delete(finished);
    for (int from = 0; from < waiting.size(); from += RECEIVE_MAX) {
      changeVisibility(waiting.subList(from, Math.min(waiting.size(), from + RECEIVE_MAX)), WAIT);
    }
    return messages.size();
  }

  private void delete(List<Message> finished) {
    if (finished.isEmpty()) {
      return;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(finished.size());
    for (int i = 0; i < finished.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(finished.get(i).receiptHandle())
              .build());
    }
    try {
      stats.apiCalls.incrementAndGet();
      DeleteMessageBatchResponse response =
          sqs.deleteMessageBatch(b -> b.queueUrl(settings.queueUrl()).entries(entries));
      response
          .failed()
          .forEach(
              f ->
                  LOG.warning(
                      "could not delete a finished message ("
                          + f.code()
                          + ": "
                          + f.message()
                          + "); its redelivery will be a duplicate"));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not delete finished messages; their redelivery will be duplicates",
          e);
    } finally {
      finished.forEach(m -> inFlight.remove(m.messageId()));
    }
  }

  /** Extends the visibility of work still running at half its timeout. */
  private void extend() {
    Instant soon = Instant.now().plus(visibility.dividedBy(2));
    List<Received> due = new ArrayList<>();
    for (Received r : inFlight.values()) {
      if (r.hiddenUntil.isBefore(soon)) {
        due.add(r);
      }
    }
    for (int from = 0; from < due.size(); from += RECEIVE_MAX) {
      List<Received> chunk = due.subList(from, Math.min(due.size(), from + RECEIVE_MAX));
      changeVisibility(chunk, visibility);
    }
  }

  private void changeVisibility(List<Received> messages, Duration timeout) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).message.receiptHandle())
              .visibilityTimeout((int) timeout.toSeconds())
              .build());
    }
    try {
      stats.apiCalls.incrementAndGet();
      sqs.changeMessageVisibilityBatch(b -> b.queueUrl(settings.queueUrl()).entries(entries));
      Instant until = Instant.now().plus(timeout);
      messages.forEach(r -> r.hiddenUntil = until);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not change the visibility of messages in flight", e);
    }
  }

  /**
   * Stops receiving, lets the work in flight finish within the shutdown grace (and deletes what
   * finished), then hands whatever is still running back to the queue (visibility 0), so another
   * consumer takes it at once; its redelivery is safe, as the engine answers what is done as
   * duplicates.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        shutdownPools();
        return;
      }
      running = false;
    }
    pollers.shutdown();
    long graceMillis = settings.waitTime().toMillis() + settings.shutdownGrace().toMillis() + 1000;
    boolean finished;
    try {
      finished = pollers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (!finished && !inFlight.isEmpty()) {
      List<Received> left = new ArrayList<>(inFlight.values());
      LOG.warning(left.size() + " messages still in work at shutdown are handed back to the queue");
      for (int from = 0; from < left.size(); from += RECEIVE_MAX) {
        changeVisibility(
            left.subList(from, Math.min(left.size(), from + RECEIVE_MAX)), Duration.ZERO);
      }
    }
    shutdownPools();
  }

  private void shutdownPools() {
    keeper.shutdownNow();
    pollers.shutdownNow();
    workers.shutdownNow();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
