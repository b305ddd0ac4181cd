package dev.touchline.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.wire.JsonMappers;

/** JSON text inside items: written and read by the adapter only. */
final class Json {
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = JsonMappers.writer();

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new StorageException("could not serialise an item", e);
    }
  }

  static JsonNode read(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new StorageException("stored " + what + " is not valid JSON", e);
    }
  }
}
