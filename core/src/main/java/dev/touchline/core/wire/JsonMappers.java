package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchline.core.domain.event.IngestLimits;

/**
 * The Jackson set-ups of the API. Parsers that read client input carry Jackson's own limits set to
 * the engine's body limits (length, nesting) and leave the per-item limits (property depth, string
 * and number length, duplicate keys) to {@link BoundedJsonReader}, which names the field at fault
 * and lets the rest of a batch through.
 */
public final class JsonMappers {
  /** The deepest any body may nest; deeper refuses the whole body. */
  public static final int MAX_BODY_DEPTH = 1000;

  private JsonMappers() {}

  /** A streaming factory for request bodies under these limits. */
  static JsonFactory streaming(IngestLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(bodyConstraints(limits.maxBodyBytes(), MAX_BODY_DEPTH))
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /**
   * Parser limits for a body: nothing longer than the body, no deeper than {@code maxDepth}.
   * Strings, names and numbers are bounded by the body only; the readers hold them to their own
   * limits.
   */
  static StreamReadConstraints bodyConstraints(int maxBodyBytes, int maxDepth) {
    return StreamReadConstraints.builder()
        .maxDocumentLength(maxBodyBytes)
        .maxNestingDepth(maxDepth)
        .maxStringLength(maxBodyBytes)
        .maxNameLength(maxBodyBytes)
        .maxNumberLength(maxBodyBytes)
        .build();
  }

  /** A mapper for documents the engine itself writes (responses, stored configuration). */
  public static ObjectMapper writer() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }
}
