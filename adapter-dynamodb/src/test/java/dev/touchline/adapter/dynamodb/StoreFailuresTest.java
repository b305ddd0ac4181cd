package dev.touchline.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.StorageRefusedException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * How the adapter reports a failed call: throttling is retried, then a refusal (nothing written),
 * as any other 4xx; a 5xx or a client-side failure (a timeout, a reset) may have been done, so it
 * is a plain storage failure.
 */
class StoreFailuresTest {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Test
  void throttlingWithoutErrorDetails_isRetried_thenARefusal() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                STORE.call(
                    "put",
                    () -> {
                      calls.incrementAndGet();
                      throw ProvisionedThroughputExceededException.builder()
                          .message("slow down")
                          .statusCode(400)
                          .build();
                    }))
        .isInstanceOf(StorageRefusedException.class)
        .hasMessageStartingWith("put failed: slow down");
    assertThat(calls).as("the first try and 5 retries").hasValue(6);
  }

  @Test
  void aServerError_mayHaveBeenDone_andIsNotARefusal() {
    assertThatThrownBy(
            () ->
                STORE.call(
                    "put",
                    () -> {
                      throw DynamoDbException.builder().message("oops").statusCode(500).build();
                    }))
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(StorageRefusedException.class);
    assertThatThrownBy(
            () ->
                STORE.call(
                    "put",
                    () -> {
                      throw SdkClientException.create("read timed out");
                    }))
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(StorageRefusedException.class);
  }

  @Test
  void aValidationError_isARefusal() {
    assertThatThrownBy(
            () ->
                STORE.call(
                    "put",
                    () -> {
                      throw DynamoDbException.builder().message("bad key").statusCode(400).build();
                    }))
        .isInstanceOf(StorageRefusedException.class);
  }
}
