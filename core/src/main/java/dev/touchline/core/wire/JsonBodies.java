package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first steps of reading any JSON body from a client, shared by every route: the size cap, the
 * encoding (UTF-8 only, strictly: overlong forms, surrogates and truncated sequences are refused; a
 * leading UTF-8 byte-order mark is skipped), and parser faults described in the API's own words,
 * never in the parser's.
 */
final class JsonBodies {
  private static final Pattern CHARACTER = Pattern.compile("character \\('(.)' \\(code (\\d+)");
  private static final Pattern CODE_ONLY = Pattern.compile("\\(code (\\d+)");

  private JsonBodies() {}

  /**
   * The body as text.
   *
   * @throws TouchlineException {@code payload_too_large} past {@code maxBytes}, {@code
   *     invalid_payload} for an empty body or one that is not UTF-8
   */
  static String text(byte[] body, int maxBytes) {
    if (body.length > maxBytes) {
      throw new TouchlineException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the body is " + body.length + " bytes; the limit is " + maxBytes);
    }
    int start = 0;
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    if (body.length - start == 0) {
      throw TouchlineException.invalid(null, "the body is empty; expected a JSON object");
    }
    if (body[start] == 0 || (body.length - start > 1 && body[start + 1] == 0)) {
      // JSON text starts with an ASCII character: a NUL beside it means UTF-16 or UTF-32.
      throw notUtf8(start);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
    CharBuffer out = CharBuffer.allocate(body.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw notUtf8(in.position());
    }
    result = decoder.flush(out);
    if (result.isError()) {
      throw notUtf8(in.position());
    }
    out.flip();
    return out.toString();
  }

  /** Strictly decodes UTF-8 text that is not a body (e.g. a header value). */
  static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static TouchlineException notUtf8(int offset) {
    return TouchlineException.invalid(
        null,
        "the body is not valid UTF-8 (at byte "
            + offset
            + "); JSON bodies must be UTF-8 (UTF-16 and UTF-32 are not accepted)");
  }

  /** A parser fault as the API reports it: what is wrong, and where, in the client's words. */
  static TouchlineException malformed(JsonProcessingException e) {
    return TouchlineException.invalid(null, describe(e));
  }

  /** The description of a parser fault, e.g. {@code malformed JSON at line 1, column 7: ...}. */
  static String describe(JsonProcessingException e) {
    String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String what;
    if (e instanceof StreamConstraintsException) {
      what = constraint(raw);
    } else if (e instanceof JsonEOFException || raw.startsWith("Unexpected end-of-input")) {
      what = "the document ends before it is complete";
    } else if (raw.contains("'NaN'") || raw.contains("Infinity")) {
      what = "NaN and Infinity are not JSON numbers";
    } else if (raw.contains("plus sign")) {
      what = "a number cannot start with '+'";
    } else if (raw.contains("Leading zeroes") || raw.contains("leading zero")) {
      what = "a number cannot have leading zeros";
    } else if (raw.contains("Duplicate field")) {
      what = "a key appears twice in one object";
    } else if (raw.startsWith("Illegal unquoted character")
        || raw.contains("CTRL-CHAR")
        || raw.contains("control character")) {
      what = "a control character must be escaped inside a string";
    } else if (raw.contains("Unrecognized character escape")) {
      what = "an invalid escape sequence in a string";
    } else if (raw.contains("Unexpected close marker")) {
      what = "a closing bracket or brace does not match what was opened";
    } else if (raw.startsWith("Trailing token") || raw.contains("trailing token")) {
      what = "content follows the end of the JSON document";
    } else if (raw.contains("Unrecognized token")) {
      what = "an unrecognized word (expected a string, number, object, array, true, false or null)";
    } else if (raw.contains("numeric value") || raw.contains("Numeric value")) {
      what = "a malformed number";
    } else if (raw.contains("was expecting double-quote to start field name")
        || raw.contains("expecting a colon")
        || raw.contains("was expecting comma")) {
      what = "unexpected character " + character(raw) + "; expected a key, ':', ',' or a closer";
    } else if (raw.startsWith("Unexpected character")) {
      what = "unexpected character " + character(raw);
    } else if (raw.contains("surrogate")) {
      what = "a string holds an unpaired UTF-16 surrogate";
    } else {
      what = "the document is not valid JSON";
    }
    JsonLocation location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 1
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return (e instanceof StreamConstraintsException ? "JSON past a limit" : "malformed JSON")
        + where
        + ": "
        + what;
  }

  private static String constraint(String raw) {
    if (raw.contains("nesting depth")) {
      return "the document nests deeper than " + JsonMappers.MAX_BODY_DEPTH + " levels";
    }
    if (raw.contains("Number value length") || raw.contains("Number length")) {
      return "a number is longer than the limit allows";
    }
    if (raw.contains("String value length") || raw.contains("Name length")) {
      return "a string or key is longer than the limit allows";
    }
    if (raw.contains("Document length")) {
      return "the document is longer than the limit allows";
    }
    return "the document exceeds a limit";
  }

  private static String character(String raw) {
    Matcher m = CHARACTER.matcher(raw);
    int code;
    if (m.find()) {
      code = Integer.parseInt(m.group(2));
    } else {
      Matcher c = CODE_ONLY.matcher(raw);
      if (!c.find()) {
        return "";
      }
      try {
        code = Integer.parseInt(c.group(1));
      } catch (NumberFormatException tooLong) {
        return "";
      }
    }
    if (code < 0) {
      return "(end of input)";
    }
    if (code >= 0x21 && code < 0x7F) {
      return "'" + (char) code + "'";
    }
    return String.format("U+%04X", code);
  }
}
