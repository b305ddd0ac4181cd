package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchline.core.domain.event.IngestLimits;

/**
 * The mappers that read untrusted input, with Jackson's parser limits set to the engine's: nothing
 * larger than a body, no deeper nesting than the property limit allows, no string longer than an
 * event, duplicate keys refused, trailing content refused.
 */
public final class JsonMappers {
  /** Levels above properties: the batch object, its array, the event object. */
  static final int ENVELOPE_DEPTH = 3;

  private JsonMappers() {}

  /** A mapper for request bodies under these limits. */
  public static ObjectMapper strict(IngestLimits limits) {
    StreamReadConstraints read =
        StreamReadConstraints.builder()
            .maxDocumentLength(limits.maxBodyBytes())
            .maxNestingDepth(limits.maxDepth() + ENVELOPE_DEPTH)
            // Strings and keys are held to maxStringLength per item, with a precise error naming
            // the
            // field; the parser's own bound is the event size, past which no item can be valid.
            .maxStringLength(limits.maxEventBytes())
            .maxNameLength(limits.maxEventBytes())
            .maxNumberLength(100)
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(read)
            .streamWriteConstraints(
                StreamWriteConstraints.builder().maxNestingDepth(limits.maxDepth() + 8).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /** A mapper for documents the engine itself writes (responses, stored configuration). */
  public static ObjectMapper writer() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }
}
