package dev.touchline.adapter.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.wire.ApiRequest;
import dev.touchline.core.wire.ApiResponse;
import dev.touchline.core.wire.TouchlineApi;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conformance scenarios through the events queue: {@code POST /v1/events} is authenticated and
 * decoded by the API as usual, then its events travel as an envelope through SQS (ElasticMQ) to the
 * consumer, which ingests them; the request is answered with what the consumer's engine made of
 * them, rendered as the API renders it. Every other route is served in process.
 */
final class QueueTarget implements ScenarioTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticMq mq;
  private final InProcessTarget inProcess;
  private final Touchline engine;
  private final String queue;
  private final SqsEventPublisher publisher;
  private final Map<String, IngestResult> results = new ConcurrentHashMap<>();
  private final Set<WorkspaceId> served = new LinkedHashSet<>();
  private SqsConsumer consumer;

  QueueTarget(ElasticMq mq) {
    this(mq, List.of());
  }

  /**
   * A target whose consumer serves {@code workspaces} from the start (it is restarted, which takes
   * up to its one-second receive wait, for any other workspace an event is sent to).
   */
  QueueTarget(ElasticMq mq, List<WorkspaceId> workspaces) {
    served.addAll(workspaces);
    this.mq = mq;
    this.inProcess =
        new InProcessTarget(
            (builder, clock) -> builder, e -> new TouchlineApi(e, this::throughTheQueue));
    this.engine = inProcess.engine();
    this.queue =
        mq.sqs.createQueue(b -> b.queueName("conformance-" + UUID.randomUUID())).queueUrl();
    this.publisher =
        new SqsEventPublisher(
            mq.sqs, queue, SqsConsumerSettings.MAX_MESSAGE_BYTES, inProcess.clock());
  }

  /** The consumer, serving every workspace the scenario has written to so far. */
  private synchronized void serve(WorkspaceId workspace) {
    if (served.add(workspace) || consumer == null) {
      if (consumer != null) {
        consumer.close();
      }
      SqsConsumerSettings.Builder settings =
          SqsConsumerSettings.builder(queue, served.iterator().next())
              .waitTime(Duration.ofSeconds(1))
              .shutdownGrace(Duration.ofSeconds(5));
      served.forEach(settings::alsoServe);
      consumer = new SqsConsumer(mq.sqs, engine, settings.build());
      consumer.listener((envelope, result) -> results.put(envelope.incomingId(), result));
      consumer.start();
    }
  }

  /**
   * The decoded command's events through the queue. Items the API's decoder refused are answered
   * and logged in process, as the API does: a producer's envelope carrying the same text would be
   * refused the same way by the consumer's decoder, but some refusals depend on the request (an
   * {@code Idempotency-Key} header, the cut text of an oversized item) and cannot travel.
   */
  private IngestResult throughTheQueue(Caller caller, IngestCommand command) {
    caller.require(Scope.EVENTS_WRITE); // the use case's own check, before anything is queued
    List<Integer> valid = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<IngestItem> refused = new ArrayList<>();
    for (int i = 0; i < command.items().size(); i++) {
      if (command.items().get(i) instanceof IngestItem.Valid v) {
        valid.add(i);
        texts.add(withMessageId(v));
      } else {
        refused.add(command.items().get(i));
      }
    }
    IngestOutcome[] outcomes = new IngestOutcome[command.items().size()];
    if (!refused.isEmpty()) {
      List<IngestOutcome> answered =
          engine.ingest().ingest(caller, new IngestCommand(refused, true)).outcomes();
      int k = 0;
      for (int i = 0; i < outcomes.length; i++) {
        if (!valid.contains(i)) {
          outcomes[i] = answered.get(k++);
        }
      }
    }
    if (!valid.isEmpty()) {
      List<IngestOutcome> queued = queue(caller, command.batch(), texts);
      for (int k = 0; k < valid.size(); k++) {
        outcomes[valid.get(k)] = queued.get(k);
      }
    }
    return new IngestResult(List.of(outcomes));
  }

  private List<IngestOutcome> queue(Caller caller, boolean batch, List<String> texts) {
    serve(caller.workspace());
    String payload = batch ? "{\"events\":[" + String.join(",", texts) + "]}" : texts.get(0);
    List<String> envelopes = publisher.publish(caller.workspace(), payload);
    List<IngestOutcome> outcomes = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (String id : envelopes) {
      IngestResult result;
      while ((result = results.remove(id)) == null) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("envelope " + id + " was not ingested within 30 s");
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      outcomes.addAll(result.outcomes());
    }
    return outcomes;
  }

  /** The event's text, with the messageId an Idempotency-Key header gave it. */
  private static String withMessageId(IngestItem.Valid item) {
    String text = item.input().payload();
    if (item.input().messageId().isEmpty()) {
      return text;
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node instanceof ObjectNode object && !object.has("messageId")) {
        object.put("messageId", item.input().messageId().get());
        return object.toString();
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return text;
  }

  @Override
  public String registerKey(WorkspaceId workspace, Set<Scope> scopes, RateLimit rateLimit) {
    return inProcess.registerKey(workspace, scopes, rateLimit);
  }

  @Override
  public void revokeKey(WorkspaceId workspace, String secret) {
    inProcess.revokeKey(workspace, secret);
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    return inProcess.send(request);
  }

  @Override
  public void advanceClock(Duration by) {
    inProcess.advanceClock(by);
  }

  @Override
  public List<Trigger> deliveredTriggers(WorkspaceId workspace) {
    return inProcess.deliveredTriggers(workspace);
  }

  @Override
  public synchronized void close() {
    if (consumer != null) {
      consumer.close();
    }
    inProcess.close();
  }
}
