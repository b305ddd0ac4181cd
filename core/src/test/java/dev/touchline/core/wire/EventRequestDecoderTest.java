package dev.touchline.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRequestDecoderTest {
  private final EventRequestDecoder decoder = new EventRequestDecoder(IngestLimits.DEFAULT);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private EventInput single(String json) {
    IngestCommand c = decoder.decode(b(json), Optional.empty());
    assertThat(c.batch()).isFalse();
    IngestItem item = c.items().get(0);
    assertThat(item).as(String.valueOf(item)).isInstanceOf(IngestItem.Valid.class);
    return ((IngestItem.Valid) item).input();
  }

  private IngestItem.Invalid invalid(String json) {
    IngestItem item = decoder.decode(b(json), Optional.empty()).items().get(0);
    assertThat(item).isInstanceOf(IngestItem.Invalid.class);
    return (IngestItem.Invalid) item;
  }

  @Test
  void aSingleEvent_decodesEveryField_keepingNumbersExact() {
    EventInput e =
        single(
            "{\"event\":\"purchase\",\"email\":\"A@b.co\",\"phone\":4155550100,\"externalId\":\"x\","
                + "\"properties\":{\"amount\":19.990,\"big\":12345678901234567890},\"traits\":{\"plan\":\"pro\"},"
                + "\"timestamp\":\"2026-03-01T10:00:00+02:00\",\"messageId\":\"m\",\"sessionId\":\"s\","
                + "\"context\":{\"ip\":\"1.2.3.4\",\"bot\":false}}");
    assertThat(e.type()).isEqualTo("purchase");
    assertThat(e.email()).contains("A@b.co");
    assertThat(e.phone()).contains("4155550100");
    assertThat(e.properties().at("amount"))
        .contains(new JsonValue.JsonNumber(new BigDecimal("19.99")));
    assertThat(e.properties().at("big"))
        .contains(new JsonValue.JsonNumber(new BigDecimal("12345678901234567890")));
    assertThat(e.traits()).contains(JsonValue.object("plan", "pro"));
    assertThat(e.timestamp().orElseThrow().text()).isEqualTo("2026-03-01T10:00:00+02:00");
    assertThat(e.context().sessionId()).contains("s");
    assertThat(e.context().ip()).contains("1.2.3.4");
    assertThat(e.bot()).isFalse();
    assertThat(e.payload()).contains("\"purchase\"");
  }

  @Test
  void theFingerprint_ignoresKeyOrderAndWhitespace_butNotValues() {
    String a =
        single("{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":1,\"q\":[1,2]}}")
            .fingerprint();
    String b =
        single(
                "{ \"properties\" : {\"q\":[1,2],\"p\":1.0}, \"email\":\"a@b.co\", \"event\":\"x\" }")
            .fingerprint();
    String c =
        single("{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":2,\"q\":[1,2]}}")
            .fingerprint();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void theIdempotencyKeyHeader_becomesTheMessageId() {
    IngestCommand c =
        decoder.decode(b("{\"event\":\"x\",\"email\":\"a@b.co\"}"), Optional.of("k-1"));
    assertThat(((IngestItem.Valid) c.items().get(0)).input().messageId()).contains("k-1");
  }

  @Test
  void aBatch_keepsItemOrder_andRefusesBadItemsOneByOne() {
    IngestCommand c =
        decoder.decode(
            b(
                "{\"events\":[{\"event\":\"a\",\"email\":\"a@b.co\"},{\"event\":1},{\"event\":\"c\",\"email\":\"a@b.co\",\"x\":1}]}"),
            Optional.empty());
    assertThat(c.batch()).isTrue();
    assertThat(c.items()).hasSize(3);
    assertThat(c.items().get(0)).isInstanceOf(IngestItem.Valid.class);
    assertThat(((IngestItem.Invalid) c.items().get(1)).field()).contains("event");
    assertThat(((IngestItem.Invalid) c.items().get(2)).field()).contains("x");
  }

  @Test
  void theBodyLimit_isEnforcedBeforeParsing() {
    IngestLimits small =
        new IngestLimits(100, 80, 500, 16, 8192, 64, IngestLimits.DEFAULT.maxFutureSkew());
    EventRequestDecoder d = new EventRequestDecoder(small);
    String atLimit =
        "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":\""
            + "a".repeat(100 - 52)
            + "\"}}";
    assertThat(b(atLimit)).hasSize(100);
    assertThat(d.decode(b(atLimit), Optional.empty()).items().get(0))
        .as("100 bytes is a valid body, but the event is over its 80-byte limit")
        .isInstanceOfSatisfying(
            IngestItem.Invalid.class,
            i -> assertThat(i.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    assertThatThrownBy(() -> d.decode(b(atLimit + " "), Optional.empty()))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
  }

  @Test
  void theEventLimit_atAndPast() {
    String prefix = "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":\"";
    String suffix = "\"}}";
    int room = IngestLimits.DEFAULT.maxEventBytes() - prefix.length() - suffix.length();
    // strings are capped at 8 KiB, so spread the bytes over several properties
    String at = bigEvent(IngestLimits.DEFAULT.maxEventBytes());
    String past = bigEvent(IngestLimits.DEFAULT.maxEventBytes() + 1);
    assertThat(room).isPositive();
    assertThat(b(at)).hasSize(IngestLimits.DEFAULT.maxEventBytes());
    assertThat(decoder.decode(b(at), Optional.empty()).items().get(0))
        .isInstanceOf(IngestItem.Valid.class);
    assertThat(invalid(past).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  private static String bigEvent(int size) {
    StringBuilder props = new StringBuilder();
    String head = "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{";
    int i = 0;
    while (true) {
      String key = "\"p" + i + "\":\"";
      int used = head.length() + props.length() + 2; // closing braces
      int left = size - used - (props.length() > 0 ? 1 : 0) - key.length() - 1;
      if (left <= 8000) {
        if (props.length() > 0) {
          props.append(',');
        }
        props.append(key).append("a".repeat(left)).append('"');
        break;
      }
      if (props.length() > 0) {
        props.append(',');
      }
      props.append(key).append("a".repeat(8000)).append('"');
      i++;
    }
    return head + props + "}}";
  }

  @Test
  void depthAndStringLimits_nameTheField() {
    assertThat(
            invalid(
                    "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"s\":\""
                        + "a".repeat(8193)
                        + "\"}}")
                .field())
        .contains("properties.s");
    assertThat(
            single(
                    "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"s\":\""
                        + "a".repeat(8192)
                        + "\"}}")
                .properties()
                .fields())
        .containsKey("s");
    assertThat(
            invalid(
                    "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"l\":[[[1]]],\"k\":\"v\",\""
                        + "k".repeat(8193)
                        + "\":1}}")
                .field())
        .hasValueSatisfying(f -> assertThat(f).startsWith("properties.kkk"));
  }

  @Test
  void nestingPastThePropertyDepth_isThatItemsError_inABatchAsAlone() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    String item = "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":" + deep + "}";
    IngestCommand single = decoder.decode(b(item), Optional.empty());
    IngestCommand batch =
        decoder.decode(
            b("{\"events\":[" + item + ",{\"event\":\"y\",\"email\":\"a@b.co\"}]}"),
            Optional.empty());
    for (IngestItem refused : List.of(single.items().get(0), batch.items().get(0))) {
      assertThat(refused)
          .isInstanceOfSatisfying(
              IngestItem.Invalid.class,
              invalid -> {
                assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
                assertThat(invalid.field()).get().asString().startsWith("properties.a.a");
                assertThat(invalid.message()).contains("nests deeper than 16 levels");
              });
    }
    assertThat(batch.items().get(1)).isInstanceOf(IngestItem.Valid.class);
  }

  @Test
  void nestingOfExactlyTheBodyBound_isOnlyThatItemsError() {
    // the body, events, the item and properties are 4 levels; 996 arrays make 1,000
    String deep = "[".repeat(996) + "]".repeat(996);
    IngestCommand command =
        decoder.decode(
            b(
                "{\"events\":[{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"a\":"
                    + deep
                    + "}}]}"),
            Optional.empty());
    assertThat(command.items().get(0))
        .isInstanceOfSatisfying(
            IngestItem.Invalid.class,
            invalid -> assertThat(invalid.message()).contains("nests deeper than 16 levels"));
    String past = "[".repeat(997) + "]".repeat(997);
    assertThatThrownBy(
            () ->
                decoder.decode(
                    b(
                        "{\"events\":[{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"a\":"
                            + past
                            + "}}]}"),
                    Optional.empty()))
        .hasMessageContaining("nests deeper than 1000 levels");
  }

  @Test
  void nestingPastTheBodyBound_isRefusedForTheWholeBody() {
    String deep = "[".repeat(1001) + "]".repeat(1001);
    assertThatThrownBy(
            () ->
                decoder.decode(
                    b("{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"a\":" + deep + "}}"),
                    Optional.empty()))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
              assertThat(e.getMessage()).contains("nests deeper than 1000 levels");
            });
  }

  @Test
  void malformedBodies_areInvalidPayloadWithAPosition() {
    assertThatThrownBy(() -> decoder.decode(b("{\"event\":"), Optional.empty()))
        .isInstanceOf(TouchlineException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> decoder.decode(b("{} {}"), Optional.empty()))
        .isInstanceOf(TouchlineException.class);
    assertThatThrownBy(() -> decoder.decode(b("[]"), Optional.empty()))
        .isInstanceOf(TouchlineException.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void contextFields_mayBeFlatOrNested_butNotContradictory() {
    assertThat(
            single("{\"event\":\"x\",\"email\":\"a@b.co\",\"context\":{\"utmSource\":\"g\"}}")
                .context()
                .utmSource())
        .contains("g");
    assertThat(
            single(
                    "{\"event\":\"x\",\"email\":\"a@b.co\",\"utmSource\":\"g\",\"context\":{\"utmSource\":\"g\"}}")
                .context()
                .utmSource())
        .contains("g");
    assertThat(invalid("{\"event\":\"x\",\"email\":\"a@b.co\",\"context\":{\"color\":1}}").field())
        .contains("context.color");
    assertThat(single("{\"event\":\"x\",\"email\":\"a@b.co\",\"context\":{\"bot\":true}}").bot())
        .isTrue();
  }
}
