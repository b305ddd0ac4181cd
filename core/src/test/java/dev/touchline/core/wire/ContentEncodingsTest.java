package dev.touchline.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentEncodingsTest {
  private static final int LIMIT = 64 * 1024;

  @Test
  void aBodyThatInflatesToExactlyTheLimitIsRead_andOneByteMoreIs413() throws IOException {
    byte[] atLimit = new byte[LIMIT];
    Arrays.fill(atLimit, (byte) ' ');
    byte[] pastLimit = Arrays.copyOf(atLimit, LIMIT + 1);

    assertThat(ContentEncodings.decode(Optional.of("gzip"), gzip(atLimit), LIMIT))
        .isEqualTo(atLimit);
    assertThatThrownBy(() -> ContentEncodings.decode(Optional.of("gzip"), gzip(pastLimit), LIMIT))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
  }

  @Test
  void deflateIsReadWithOrWithoutItsZlibWrapper() throws IOException {
    byte[] text = "{\"event\":\"a\"}".getBytes();
    assertThat(ContentEncodings.decode(Optional.of("deflate"), deflate(text, false), LIMIT))
        .isEqualTo(text);
    assertThat(ContentEncodings.decode(Optional.of("Deflate"), deflate(text, true), LIMIT))
        .isEqualTo(text);
  }

  @Test
  void dataThatDoesNotInflateIsTheClientsError() throws IOException {
    byte[] cut = Arrays.copyOf(gzip(new byte[1000]), 10);
    for (String coding : new String[] {"gzip", "deflate"}) {
      assertThatThrownBy(() -> ContentEncodings.decode(Optional.of(coding), cut, LIMIT))
          .isInstanceOfSatisfying(
              TouchlineException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
                assertThat(e.field()).contains("Content-Encoding");
              });
    }
  }

  @Test
  void otherCodingsAre415_andIdentityOrNoneIsTheBodyItself() {
    byte[] body = "{}".getBytes();
    for (String coding : new String[] {"br", "compress", "gzip, deflate", "zstd"}) {
      assertThatThrownBy(() -> ContentEncodings.decode(Optional.of(coding), body, LIMIT))
          .isInstanceOfSatisfying(
              TouchlineException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_ENCODING));
    }
    assertThat(ContentEncodings.decode(Optional.of(" identity "), body, LIMIT)).isSameAs(body);
    assertThat(ContentEncodings.decode(Optional.empty(), body, LIMIT)).isSameAs(body);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] bytes, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(9, raw);
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
      d.write(bytes);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }
}
