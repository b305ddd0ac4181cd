package dev.touchline.core.wire;

import static dev.touchline.core.wire.ApiSupport.answer;
import static dev.touchline.core.wire.ApiSupport.given;
import static dev.touchline.core.wire.ApiSupport.notFound;
import static dev.touchline.core.wire.ApiSupport.page;
import static dev.touchline.core.wire.ApiSupport.respond;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestResult;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code /v1/events}: ingest events, read them and the incoming log. Every method answers; none
 * throws for bad input.
 */
public final class EventsResource {
  static final List<String> LIST_PARAMETERS = List.of("contactId", "type", "limit", "cursor");
  static final List<String> INCOMING_PARAMETERS = List.of("status", "limit", "cursor");

  private final ApiSupport support;
  private final boolean asynchronous;
  private final BiFunction<Caller, IngestCommand, IngestResult> ingest;

  EventsResource(
      ApiSupport support,
      boolean asynchronous,
      BiFunction<Caller, IngestCommand, IngestResult> ingest) {
    this.support = support;
    this.asynchronous = asynchronous;
    this.ingest = ingest;
  }

  /** {@code POST /v1/events}: one event, or {@code {"events": [...]}}. */
  public ApiResponse ingest(ApiCall call, byte[] body, Optional<String> idempotencyKey) {
    return answer(
        "POST /v1/events",
        () -> {
          Caller caller = support.caller(call, List.of());
          IngestCommand command =
              support.decoder().decode(support.body(call, body), idempotencyKey);
          IngestResult result = ingest.apply(caller, command);
          if (command.batch()) {
            return respond(asynchronous ? 202 : 200, Documents.batch(result));
          }
          var outcome = result.outcomes().get(0);
          return respond(Documents.singleStatus(outcome), Documents.single(outcome));
        });
  }

  /** {@code GET /v1/events}: a contact's timeline, or the workspace's events, newest first. */
  public ApiResponse list(
      ApiCall call,
      Optional<String> contactId,
      Optional<String> type,
      Optional<String> limit,
      Optional<String> cursor) {
    return answer(
        "GET /v1/events",
        () -> {
          Caller caller = support.caller(call, LIST_PARAMETERS);
          Optional<ContactId> contact =
              given(contactId)
                  .map(
                      id -> {
                        if (id.length() > 64 || id.isBlank()) {
                          throw TouchlineException.invalid(
                              "contactId", "contactId must be 1-64 characters, not blank");
                        }
                        return new ContactId(id);
                      });
          return respond(
              200,
              Documents.list(
                  support.engine().events().list(caller, contact, given(type), page(limit, cursor)),
                  Documents::event));
        });
  }

  /** {@code GET /v1/events/incoming}: every event received, with its status and error. */
  public ApiResponse incoming(
      ApiCall call, Optional<String> status, Optional<String> limit, Optional<String> cursor) {
    return answer(
        "GET /v1/events/incoming",
        () -> {
          Caller caller = support.caller(call, INCOMING_PARAMETERS);
          Optional<IncomingStatus> wanted =
              given(status)
                  .map(
                      s ->
                          IncomingStatus.fromWireName(s)
                              .orElseThrow(
                                  () ->
                                      TouchlineException.invalid(
                                          "status",
                                          "status must be one of received, processed, failed,"
                                              + " rejected, discarded, duplicate")));
          return respond(
              200,
              Documents.list(
                  support.engine().incoming().list(caller, wanted, page(limit, cursor)),
                  Documents::incoming));
        });
  }

  /** {@code GET /v1/events/{id}}. */
  public ApiResponse get(ApiCall call, String id) {
    return answer(
        "GET /v1/events/{id}",
        () -> {
          Caller caller = support.caller(call, List.of());
          return support
              .engine()
              .events()
              .get(caller, id)
              .map(e -> respond(200, Documents.event(e)))
              .orElseThrow(() -> notFound("event " + Excerpt.quoted(id)));
        });
  }
}
