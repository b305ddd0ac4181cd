package dev.touchline.testkit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.core.wire.ApiRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One hostile request of the corpus and the exact answer it must get. Strings may hold {@code
 * <<repeat N text>>} (the text N times) and {@code {{key}}} (the target's API key), so that large
 * inputs stay small on disk.
 *
 * @param file the corpus file (its class of fault)
 * @param name what the case tries
 * @param onlyOver {@code http} when only a real HTTP server can be sent the request (a request line
 *     or headers past the server's bounds), else empty
 */
public record HostileCase(String file, String name, Optional<String> onlyOver, JsonNode spec) {
  private static final Pattern REPEAT = Pattern.compile("<<repeat (\\d+) (.*?)>>");

  @Override
  public String toString() {
    return file + ": " + name;
  }

  /** The request, with {@code key} as the API key wherever the case asks for it. */
  ApiRequest request(String key) {
    String method = spec.path("method").asText("POST");
    String path = expand(spec.path("path").asText("/v1/events"), key);
    Map<String, List<String>> query = new LinkedHashMap<>();
    spec.path("query")
        .fields()
        .forEachRemaining(
            e -> query.put(expand(e.getKey(), key), List.of(expand(e.getValue().asText(), key))));
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (spec.path("auth").asBoolean(true)) {
      headers.put("X-API-Key", key);
    }
    headers.put("Content-Type", "application/json");
    spec.path("headers")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNull()) {
                headers.remove(e.getKey());
              } else {
                headers.put(e.getKey(), expand(e.getValue().asText(), key));
              }
            });
    return new ApiRequest(method, path, query, headers, body(key));
  }

  private byte[] body(String key) {
    byte[] bytes;
    if (spec.has("bodyBase64")) {
      bytes = Base64.getDecoder().decode(spec.get("bodyBase64").asText());
    } else if (spec.has("bodyJson")) {
      bytes = expand(spec.get("bodyJson").toString(), key).getBytes(StandardCharsets.UTF_8);
    } else if (spec.has("body")) {
      String charset = spec.path("charset").asText("UTF-8");
      bytes = expand(spec.get("body").asText(), key).getBytes(Charset.forName(charset));
      if (spec.path("bom").asBoolean(false)) {
        byte[] bom = "\uFEFF".getBytes(Charset.forName(charset));
        byte[] withBom = new byte[bom.length + bytes.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(bytes, 0, withBom, bom.length, bytes.length);
        bytes = withBom;
      }
    } else {
      bytes = new byte[0];
    }
    String compress = spec.path("compress").asText("");
    if (!compress.isEmpty()) {
      bytes = compress(bytes, compress);
    }
    int cut = spec.path("truncateBody").asInt(0);
    if (cut > 0) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
    }
    return bytes;
  }

  private static byte[] compress(byte[] bytes, String how) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, how.equals("deflate-raw"));
    try (var stream =
        how.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out, deflater)) {
      stream.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /** The expected answer. */
  JsonNode expect() {
    return spec.path("expect");
  }

  static String expand(String text, String key) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString().replace("{{key}}", key);
  }

  static List<HostileCase> from(String file, JsonNode root) {
    List<HostileCase> cases = new ArrayList<>();
    Iterator<JsonNode> it = root.path("cases").elements();
    while (it.hasNext()) {
      JsonNode c = it.next();
      cases.add(
          new HostileCase(
              file,
              c.path("name").asText(),
              c.has("only") ? Optional.of(c.get("only").asText()) : Optional.empty(),
              c));
    }
    return cases;
  }
}
