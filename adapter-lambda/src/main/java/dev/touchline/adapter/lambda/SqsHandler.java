package dev.touchline.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.google.inject.Injector;

/** The events queue's function (with {@code ReportBatchItemFailures}): see {@link SqsEvents}. */
public final class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final SqsEvents events;

  public SqsHandler() {
    this(Handlers.injector());
  }

  SqsHandler(Injector injector) {
    this.events = injector.getInstance(SqsEvents.class);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return events.handle(event);
  }
}
