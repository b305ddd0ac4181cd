package dev.touchline.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How payloads become envelopes; nothing is sent (the client is never called). */
class SqsEventPublisherTest {
  private static final WorkspaceId SHOP = new WorkspaceId("shop");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SqsEventPublisher publisher(String url, int max) {
    return new SqsEventPublisher(
        software.amazon.awssdk.services.sqs.SqsClient.builder()
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
            .httpClientBuilder(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .build(),
        url,
        max,
        CLOCK);
  }

  private static String event(int i, String email) {
    return "{\"event\":\"page_viewed\",\"email\":\""
        + email
        + "\",\"messageId\":\"m-"
        + i
        + "\",\"properties\":{\"pad\":\""
        + "x".repeat(200)
        + "\"}}";
  }

  private static String batch(int n) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(event(i, "p" + (i % 7) + "@example.com"));
    }
    return "{\"events\":[" + String.join(",", items) + "]}";
  }

  private static List<String> messageIds(List<SqsEventPublisher.Outgoing> out) throws Exception {
    List<String> ids = new ArrayList<>();
    for (SqsEventPublisher.Outgoing o : out) {
      JsonNode payload = JSON.readTree(o.envelope().payload());
      for (JsonNode e : payload.get("events")) {
        ids.add(e.get("messageId").asText());
      }
    }
    return ids;
  }

  @Test
  void aBatchThatFits_isOneEnvelope_aLargerOne_isSplitInOrder_eachUnderTheLimit() throws Exception {
    SqsEventPublisher p = publisher("https://sqs.us-east-1.amazonaws.com/1/events", 4096);

    List<SqsEventPublisher.Outgoing> small = p.envelopes(SHOP, batch(5));
    List<SqsEventPublisher.Outgoing> large = p.envelopes(SHOP, batch(60));

    assertThat(small).hasSize(1);
    assertThat(large.size()).isGreaterThan(1);
    for (SqsEventPublisher.Outgoing o : large) {
      assertThat(o.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
      assertThat(Envelope.read(o.body(), 4096)).isEqualTo(o.envelope());
      assertThat(o.groupId()).isEmpty();
      assertThat(o.deduplicationId()).isEmpty();
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      expected.add("m-" + i);
    }
    assertThat(messageIds(large)).containsExactlyElementsOf(expected);
    assertThat(large).extracting(o -> o.envelope().incomingId()).doesNotHaveDuplicates();
  }

  @Test
  void onAFifoQueue_eachContactsEventsShareAGroup_inOrder_withDeduplicationFromMessageIds()
      throws Exception {
    SqsEventPublisher p = publisher("https://sqs.us-east-1.amazonaws.com/1/events.fifo", 4096);

    List<SqsEventPublisher.Outgoing> out = p.envelopes(SHOP, batch(30));

    for (SqsEventPublisher.Outgoing o : out) {
      JsonNode events = JSON.readTree(o.envelope().payload()).get("events");
      String email = events.get(0).get("email").asText();
      for (JsonNode e : events) {
        assertThat(e.get("email").asText()).as("one contact per message").isEqualTo(email);
      }
      assertThat(o.groupId())
          .hasValueSatisfying(g -> assertThat(g).startsWith("c-").doesNotContain("@"));
      assertThat(o.deduplicationId()).hasValueSatisfying(d -> assertThat(d).startsWith("m-"));
    }
    assertThat(out.stream().map(o -> o.groupId().orElseThrow()).distinct()).hasSize(7);
    List<String> ofFirst = new ArrayList<>();
    for (SqsEventPublisher.Outgoing o : out) {
      for (JsonNode e : JSON.readTree(o.envelope().payload()).get("events")) {
        if (e.get("email").asText().equals("p0@example.com")) {
          ofFirst.add(e.get("messageId").asText());
        }
      }
    }
    assertThat(ofFirst).containsExactly("m-0", "m-7", "m-14", "m-21", "m-28");
    assertThat(SqsEventPublisher.group(JSON.readTree("{\"email\":\" Ann@Example.com\"}")))
        .isEqualTo(SqsEventPublisher.group(JSON.readTree("{\"email\":\"ann@example.com\"}")));
  }

  @Test
  void queuedEvents_carryTheirIncomingIds_andAHeadersMessageIdInTheEvent() throws Exception {
    SqsEventPublisher p = publisher("https://sqs.us-east-1.amazonaws.com/1/events", 4096);

    List<SqsEventPublisher.Outgoing> out =
        p.envelopes(
            SHOP,
            Instant.parse("2026-03-01T12:00:00Z"),
            List.of(
                new dev.touchline.core.port.out.EventQueue.Queued(
                    "in-1", "{\"event\":\"a\",\"email\":\"x@y.co\"}", java.util.Optional.of("k-1")),
                new dev.touchline.core.port.out.EventQueue.Queued(
                    "in-2", "{\"event\":\"b\",\"email\":\"x@y.co\",\"messageId\":\"own\"}")));

    assertThat(out)
        .singleElement()
        .satisfies(o -> assertThat(o.envelope().incomingIds()).contains(List.of("in-1", "in-2")));
    JsonNode events = JSON.readTree(out.get(0).envelope().payload()).get("events");
    assertThat(events.get(0).get("messageId").asText()).isEqualTo("k-1");
    assertThat(events.get(1).get("messageId").asText()).isEqualTo("own");
  }

  @Test
  void anEventLargerThanAMessage_orAPayloadThatIsNotAnObject_isRefusedBeforeAnythingIsSent() {
    SqsEventPublisher p = publisher("https://sqs.us-east-1.amazonaws.com/1/events", 1024);
    String big =
        "{\"event\":\"x\",\"email\":\"a@b.co\",\"properties\":{\"p\":\""
            + "y".repeat(2000)
            + "\"}}";

    assertThatThrownBy(() -> p.envelopes(SHOP, big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot fit in a message of 1024 bytes");
    assertThatThrownBy(() -> p.envelopes(SHOP, "{\"events\":[" + big + "]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot fit in a message of 1024 bytes");
    assertThatThrownBy(() -> p.envelopes(SHOP, "[1,2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload: must be a JSON object");
    assertThatThrownBy(() -> p.envelopes(SHOP, "{nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload: not JSON");
  }
}
