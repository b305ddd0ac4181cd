package dev.touchline.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.touchline.core.domain.apikey.ApiKeySecrets;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.identity.IdentifierNormalizer;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.ListingCursor;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.wire.ApiCredentials;
import dev.touchline.core.wire.Documents;
import dev.touchline.core.wire.EventRequestDecoder;
import dev.touchline.core.wire.JacksonWorkspaceConfigParser;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz targets for every parser of untrusted input. Under {@code mvn verify} each runs its
 * committed inputs ({@code
 * src/test/resources/dev/touchline/core/fuzz/InputFuzzTestInputs/<target>}) as regression tests;
 * {@code JAZZER_FUZZ=1} fuzzes them (README). A finding is any exception but the documented
 * refusal, or an answer outside the documented ones.
 */
class InputFuzzTest {
  private static final EventRequestDecoder DECODER = new EventRequestDecoder(IngestLimits.DEFAULT);
  private static final JacksonWorkspaceConfigParser CONFIG = new JacksonWorkspaceConfigParser();

  @FuzzTest(maxDuration = "5m")
  void requestDecoder(byte[] body) {
    budget(() -> requestDecoderUnbudgeted(body));
  }

  private void requestDecoderUnbudgeted(byte[] body) {
    if (body == null) {
      return; // Jazzer's null input; a request body is never null
    }
    IngestCommand command;
    try {
      command = DECODER.decode(body, Optional.empty());
    } catch (TouchlineException refused) {
      assertThat(refused.code())
          .isIn(
              ErrorCode.INVALID_PAYLOAD,
              ErrorCode.PAYLOAD_TOO_LARGE,
              ErrorCode.UNSUPPORTED_ENCODING);
      bounded(refused);
      return;
    }
    assertThat(command.items()).isNotEmpty().hasSizeLessThanOrEqualTo(500);
    for (IngestItem item : command.items()) {
      if (item instanceof IngestItem.Valid valid) {
        assertThat(valid.input().fingerprint()).isNotEmpty().hasSizeLessThanOrEqualTo(64);
        assertThat(valid.input().payload().length()).isLessThanOrEqualTo(32 * 1024);
      } else if (item instanceof IngestItem.Invalid invalid) {
        assertThat(invalid.payload().length()).isLessThanOrEqualTo(32 * 1024);
        assertThat(invalid.code()).isIn(ErrorCode.INVALID_PAYLOAD, ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(
                Documents.error(invalid.code(), invalid.message(), invalid.field())
                    .toString()
                    .length())
            .isLessThan(2048);
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void configParser(String document) {
    budget(() -> configParserUnbudgeted(document));
  }

  private void configParserUnbudgeted(String document) {
    if (document == null) {
      return;
    }
    try {
      CONFIG.parse(document);
    } catch (InvalidConfigException refused) {
      assertThat(refused.path()).startsWith("$").hasSizeLessThan(4096);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void cursorDecoder(String cursor) {
    budget(() -> cursorDecoderUnbudgeted(cursor));
  }

  private void cursorDecoderUnbudgeted(String cursor) {
    if (cursor == null) {
      return;
    }
    String listing = "events\u001fws\u001fall";
    try {
      Optional<List<String>> position = ListingCursor.decode(Optional.of(cursor), listing);
      assertThat(ListingCursor.encode(listing, position.orElseThrow())).isEqualTo(cursor);
    } catch (InvalidCursorException refused) {
      // the documented refusal
    }
  }

  @FuzzTest(maxDuration = "5m")
  void identifierNormaliser(FuzzedDataProvider data) {
    budget(() -> identifierNormaliserUnbudgeted(data));
  }

  private void identifierNormaliserUnbudgeted(FuzzedDataProvider data) {
    IdentityType type = data.pickValue(IdentityType.values());
    String raw = data.consumeRemainingAsString();
    try {
      String value = IdentifierNormalizer.normalize(type, raw, "US", "field").value();
      assertThat(value).isNotBlank();
      assertThat(IdentifierNormalizer.normalize(type, value, "US", "field").value())
          .as("normalising is idempotent")
          .isEqualTo(value);
    } catch (InvalidIdentifierException refused) {
      assertThat(refused.getMessage()).hasSizeLessThan(512);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void apiKeyParser(FuzzedDataProvider data) {
    budget(() -> apiKeyParserUnbudgeted(data));
  }

  private void apiKeyParserUnbudgeted(FuzzedDataProvider data) {
    Optional<String> apiKey =
        data.consumeBoolean() ? Optional.of(data.consumeString(200)) : Optional.empty();
    Optional<String> authorization =
        Optional.of(data.consumeRemainingAsString()).filter(s -> !s.isEmpty());
    try {
      Optional<String> presented = ApiCredentials.presented(apiKey, authorization);
      presented.ifPresent(ApiKeySecrets::isWellFormed);
    } catch (TouchlineException refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
  }

  /** Inputs run before the time budget applies (class loading and JIT warm-up). */
  private static final long WARM_UP = 20_000;

  private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
  private static long runs;

  /**
   * Runs one input within its budget: at most 10 MB allocated, and (when fuzzing, after warm-up) at
   * most 100 ms; past either it is a finding. An input over budget is measured once more before it
   * counts, so one-time costs (class loading, Jazzer instrumenting a class on its first use) are
   * not taken for the input's own.
   */
  private static void budget(Runnable input) {
    long[] first = measure(input);
    boolean timed = ++runs > WARM_UP && FUZZING;
    if (first[0] < ALLOCATION_BUDGET && (!timed || first[1] < TIME_BUDGET_MS)) {
      return;
    }
    long[] second = measure(input);
    assertThat(second[0]).as("bytes allocated for one input").isLessThan(ALLOCATION_BUDGET);
    if (timed) {
      assertThat(second[1]).as("milliseconds for one input").isLessThan(TIME_BUDGET_MS);
    }
  }

  private static final long ALLOCATION_BUDGET = 10L * 1024 * 1024;
  private static final long TIME_BUDGET_MS = 100;

  /** Bytes allocated and milliseconds taken by one run of the input on this thread. */
  private static long[] measure(Runnable input) {
    long thread = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    input.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new long[] {THREADS.getThreadAllocatedBytes(thread) - allocatedBefore, millis};
  }

  private static void bounded(TouchlineException e) {
    assertThat(Documents.error(e).toString().length()).isLessThan(2048);
  }
}
