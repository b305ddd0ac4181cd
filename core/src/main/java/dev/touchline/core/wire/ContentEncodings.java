package dev.touchline.core.wire;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request body's {@code Content-Encoding}: {@code gzip} (or {@code x-gzip}), {@code
 * deflate} (zlib, or raw deflate as some clients send it) and {@code identity}. The decoded body is
 * held to the body limit as it is inflated, so a small bomb costs no more than a large body; data
 * that does not inflate is the client's error, and any other coding is refused.
 */
public final class ContentEncodings {
  private ContentEncodings() {}

  /**
   * The decoded body.
   *
   * @throws TouchlineException {@code unsupported_encoding} for an unknown coding, {@code
   *     invalid_payload} when the data does not decode, {@code payload_too_large} when it decodes
   *     to more than {@code maxBytes}
   */
  public static byte[] decode(Optional<String> contentEncoding, byte[] body, int maxBytes) {
    String coding = contentEncoding.map(c -> c.trim().toLowerCase(Locale.ROOT)).orElse("");
    if (coding.isEmpty() || coding.equals("identity")) {
      return body;
    }
    boolean gzip = coding.equals("gzip") || coding.equals("x-gzip");
    if (!gzip && !coding.equals("deflate")) {
      throw new TouchlineException(
          ErrorCode.UNSUPPORTED_ENCODING,
          "Content-Encoding must be gzip, deflate or identity (one coding)",
          "Content-Encoding");
    }
    if (body.length == 0) {
      return body;
    }
    try {
      if (gzip) {
        return inflate(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
      }
      try {
        return inflate(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
      } catch (IOException notZlib) {
        Inflater raw = new Inflater(true);
        try {
          return inflate(new InflaterInputStream(new ByteArrayInputStream(body), raw), maxBytes);
        } finally {
          raw.end();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof TouchlineException t) {
        throw t;
      }
      throw TouchlineException.invalid(
          "Content-Encoding", "the body is not valid " + (gzip ? "gzip" : "deflate") + " data");
    }
  }

  private static byte[] inflate(InputStream in, int maxBytes) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > maxBytes) {
          throw new TouchlineException(
              ErrorCode.PAYLOAD_TOO_LARGE,
              "the body decompresses to more than " + maxBytes + " bytes");
        }
      }
      return out.toByteArray();
    }
  }
}
