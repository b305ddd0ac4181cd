package dev.touchline.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeTest {
  private static final int MAX = 1024 * 1024;
  private static final String PAYLOAD = "{\"event\":\"signup\",\"email\":\"ann@example.com\"}";

  @Test
  void writtenThenRead_isTheSameEnvelope_payloadByteForByte() throws PoisonMessage {
    Envelope e =
        new Envelope(
            new WorkspaceId("shop"),
            "01JABCDEFGHJKMNPQRSTVWXYZ0",
            Instant.parse("2026-03-01T12:00:00.123Z"),
            "{ \"events\" : [ " + PAYLOAD + " ] }");

    Envelope read = Envelope.read(e.write(), MAX);

    assertThat(read).isEqualTo(e);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|the message is not an envelope: its body must be a JSON object|",
        "{\"workspace\":\"shop\"|the message is not an envelope: malformed JSON at line 1|",
        "{\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|the envelope has no workspace|workspace",
        "{\"workspace\":\"sh op\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|workspace must be 1-64 letters, digits, '_' or '-', got 'sh op'|workspace",
        "{\"workspace\":7,\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|workspace must be a string|workspace",
        "{\"workspace\":\"shop\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|the envelope has no incomingId|incomingId",
        "{\"workspace\":\"shop\",\"incomingId\":\"a/b\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|incomingId must be 1-64 letters, digits, '_' or '-', got 'a/b'|incomingId",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"payload\":{}}|the envelope has no receivedAt|receivedAt",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"yesterday\",\"payload\":{}}|receivedAt must be an ISO-8601 UTC time such as 2026-03-01T12:00:00Z, got 'yesterday'|receivedAt",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\"}|the envelope has no payload|payload",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":[1]}|payload must be a JSON object (an event or {\"events\": [...]})|payload",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{},\"extra\":1}|the envelope has an unknown field 'extra' (it takes workspace, incomingId, receivedAt, payload and incomingIds)|extra",
        "{\"workspace\":\"shop\",\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}}|the envelope has the field 'workspace' twice|workspace",
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{}} {}|the envelope has content after its closing brace|",
      })
  void aBodyThatIsNotAnEnvelope_isPoison_withAMessageInTheApisWords(
      String body, String message, String field) {
    assertThatThrownBy(() -> Envelope.read(body, MAX))
        .isInstanceOfSatisfying(
            PoisonMessage.class,
            p -> {
              assertThat(p.getMessage()).startsWith(message);
              assertThat(p.field()).isEqualTo(java.util.Optional.ofNullable(field));
            });
  }

  @Test
  void aBodyAtTheSizeLimitIsRead_oneCharacterPastItIsPoison() throws PoisonMessage {
    String head =
        "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":\"";
    String tail = "\"}}}";
    int limit = 4096;
    String atLimit = head + "x".repeat(limit - head.length() - tail.length()) + tail;
    assertThat(atLimit).hasSize(limit);

    assertThat(Envelope.read(atLimit, limit).workspace()).isEqualTo(new WorkspaceId("shop"));
    String past = head + "x".repeat(limit - head.length() - tail.length() + 1) + tail;
    assertThatThrownBy(() -> Envelope.read(past, limit))
        .isInstanceOf(PoisonMessage.class)
        .hasMessage("the message is 4097 bytes, more than the 4096 a message may have");
  }

  @Test
  void aKeyTwiceInsideThePayload_isLeftToTheDecoder_whichRefusesThatItemAlone()
      throws PoisonMessage {
    String payload =
        "{\"events\":[{\"event\":\"a\",\"event\":\"b\",\"email\":\"x@y.co\"},"
            + "{\"event\":\"c\",\"email\":\"x@y.co\"}]}";
    Envelope e =
        Envelope.read(
            "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"payload\":"
                + payload
                + "}",
            MAX);

    var command =
        new dev.touchline.core.wire.EventRequestDecoder(
                dev.touchline.core.domain.event.IngestLimits.DEFAULT)
            .decode(
                e.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Optional.empty());
    assertThat(command.items().get(0))
        .isInstanceOf(dev.touchline.core.port.in.IngestItem.Invalid.class);
    assertThat(command.items().get(1))
        .isInstanceOf(dev.touchline.core.port.in.IngestItem.Valid.class);
  }

  @Test
  void aPoisonMessageKeepsTheWorkspaceItNamed_whenItWasValid() {
    assertThatThrownBy(
            () ->
                Envelope.read(
                    "{\"workspace\":\"shop\",\"incomingId\":\"a\",\"receivedAt\":\"nope\",\"payload\":{}}",
                    MAX))
        .isInstanceOfSatisfying(
            PoisonMessage.class, p -> assertThat(p.workspace()).contains(new WorkspaceId("shop")));
  }
}
