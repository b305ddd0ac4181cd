package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.value.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one JSON value from a streaming parser into a tree while holding it to the limits of one
 * item: containers no deeper than the property depth, numbers of at most {@value #MAX_NUMBER_CHARS}
 * characters inside the range of {@link JsonValue.JsonNumber}, no key twice in an object, no
 * unpaired surrogate in a string. The first fault becomes that value's error (naming its path) and
 * the rest of the value is skipped without being built, so the next item of a batch is read as if
 * nothing happened. The work is linear in the input.
 */
final class BoundedJsonReader {
  /** The longest number, as written, that is read at all. */
  static final int MAX_NUMBER_CHARS = 100;

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final int maxDepth;
  private final List<Object> path = new ArrayList<>();

  /**
   * @param maxDepth how many container levels may open below the value read (the value itself is
   *     level 0)
   */
  BoundedJsonReader(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /** The fault found in a value; the parser stands after the value. */
  static final class Fault extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient TouchlineException error;

    Fault(TouchlineException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }

    TouchlineException error() {
      return error;
    }
  }

  /**
   * Reads the value whose first token is the parser's current one, at {@code depth} levels below
   * the item, named {@code prefix} in errors ({@code null} for the item itself).
   *
   * @throws Fault the value's first fault; the parser then stands on its last token
   * @throws IOException a syntax fault, which no item can recover from
   */
  JsonNode read(JsonParser p, String prefix, int depth) throws IOException, Fault {
    path.clear();
    if (prefix != null) {
      path.add(prefix);
    }
    JsonToken first = p.currentToken();
    boolean container = first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY;
    int valueDepth = p.getParsingContext().getNestingDepth();
    try {
      return value(p, depth);
    } catch (FaultSignal signal) {
      if (container) {
        skipRest(p, valueDepth);
      }
      throw new Fault(signal.error);
    }
  }

  private JsonNode value(JsonParser p, int depth) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT -> {
        checkDepth(depth);
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          path.add(name);
          checkText(name, "key");
          if (object.has(name)) {
            throw fault("the key " + Excerpt.quoted(name) + " appears twice");
          }
          p.nextToken();
          object.set(name, value(p, depth + 1));
          path.remove(path.size() - 1);
        }
        return object;
      }
      case START_ARRAY -> {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          path.add(index++);
          array.add(value(p, depth + 1));
          path.remove(path.size() - 1);
        }
        return array;
      }
      case VALUE_STRING -> {
        String text = p.getText();
        checkText(text, "string");
        return NODES.textNode(text);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return number(p, token == JsonToken.VALUE_NUMBER_INT);
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw fault("unexpected JSON token");
    }
  }

  private JsonNode number(JsonParser p, boolean integral) throws IOException {
    if (p.getTextLength() > MAX_NUMBER_CHARS) {
      throw fault("a number is written with at most " + MAX_NUMBER_CHARS + " characters");
    }
    BigDecimal value;
    try {
      value = p.getDecimalValue();
    } catch (NumberFormatException | IOException outOfRange) {
      throw fault(JsonValue.JsonNumber.OUT_OF_RANGE);
    }
    String problem = JsonValue.JsonNumber.problem(value);
    if (problem != null) {
      throw fault(problem);
    }
    if (integral) {
      return switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(value.toBigIntegerExact());
      };
    }
    return NODES.numberNode(value);
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw fault("nests deeper than " + maxDepth + " levels");
    }
  }

  private void checkText(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw fault("a " + what + " holds an unpaired UTF-16 surrogate (\\u" + hex(c) + ")");
      }
    }
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  private FaultSignal fault(String problem) {
    String where = pathText();
    return new FaultSignal(
        TouchlineException.invalid(where, where == null ? problem : where + ": " + problem));
  }

  /** The path being read, as the API names fields: {@code properties.items[2].sku}. */
  private String pathText() {
    if (path.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(Excerpt.of((String) segment));
      }
    }
    return out.toString();
  }

  /** Skips to the end of the container whose context depth is {@code valueDepth}. */
  private static void skipRest(JsonParser p, int valueDepth) throws IOException {
    JsonToken t = p.currentToken();
    while (true) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
        t = p.currentToken();
      }
      if ((t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY)
          && p.getParsingContext().getNestingDepth() < valueDepth) {
        return;
      }
      t = p.nextToken();
      if (t == null) {
        return; // the parser reports the missing end when the caller reads on
      }
    }
  }

  /** Unwinds the recursion to {@link #read}; carries no stack trace. */
  private static final class FaultSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TouchlineException error;

    FaultSignal(TouchlineException error) {
      super(null, null, false, false);
      this.error = error;
    }
  }
}
