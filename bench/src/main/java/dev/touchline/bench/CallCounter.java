package dev.touchline.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the requests an AWS SDK client sends (each attempt, retries included). */
final class CallCounter implements ExecutionInterceptor {
  private final AtomicLong calls;

  CallCounter(AtomicLong calls) {
    this.calls = calls;
  }

  /** Client settings that count into {@code calls}. */
  static ClientOverrideConfiguration countingInto(AtomicLong calls) {
    return ClientOverrideConfiguration.builder()
        .addExecutionInterceptor(new CallCounter(calls))
        .build();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    calls.incrementAndGet();
  }
}
