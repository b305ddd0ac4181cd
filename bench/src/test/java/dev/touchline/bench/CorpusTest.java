package dev.touchline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.wire.EventRequestDecoder;
import dev.touchline.core.wire.JacksonWorkspaceConfigParser;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's workload is what its figures claim it is. */
class CorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theCorpusHasTheAdvertisedShape() throws Exception {
    List<byte[]> batches = Corpus.batches(50, 100, 10_000, 7);
    EventRequestDecoder decoder = new EventRequestDecoder(IngestLimits.DEFAULT);
    int events = 0;
    int identify = 0;
    int resent = 0;
    long bytes = 0;
    Set<String> messageIds = new HashSet<>();
    for (byte[] body : batches) {
      IngestCommand command = decoder.decode(body, Optional.empty());
      assertThat(command.items()).hasSize(100).allMatch(i -> i instanceof IngestItem.Valid);
      for (JsonNode e : MAPPER.readTree(body).get("events")) {
        events++;
        bytes += e.toString().length();
        identify += e.get("event").asText().equals("identify") ? 1 : 0;
        resent += messageIds.add(e.get("messageId").asText()) ? 0 : 1;
      }
    }
    assertThat(events).isEqualTo(5000);
    assertThat(bytes / events).as("average event size").isBetween(900L, 1200L);
    assertThat(identify * 100.0 / events).as("% identify").isBetween(8.0, 12.0);
    assertThat(resent * 100.0 / events).as("% resent messageIds").isBetween(4.0, 6.0);
  }

  @Test
  void theSingleEventBodiesAreTheBatchesEventsOneByOne() throws Exception {
    List<byte[]> batches = Corpus.batches(3, 100, 10_000, 7);
    List<byte[]> singles = Corpus.singles(300, 10_000, 7);
    EventRequestDecoder decoder = new EventRequestDecoder(IngestLimits.DEFAULT);

    int n = 0;
    for (byte[] body : batches) {
      for (JsonNode e : MAPPER.readTree(body).get("events")) {
        JsonNode single = MAPPER.readTree(singles.get(n));
        assertThat(single).isEqualTo(e);
        IngestCommand command = decoder.decode(singles.get(n), Optional.empty());
        assertThat(command.batch()).isFalse();
        assertThat(command.items()).singleElement().isInstanceOf(IngestItem.Valid.class);
        n++;
      }
    }
    assertThat(n).isEqualTo(300);
  }

  @Test
  void theGeneratedConfigurationsParse_withTheRequestedNumberOfRules() {
    JacksonWorkspaceConfigParser parser = new JacksonWorkspaceConfigParser();
    for (int rules : new int[] {10, 50, 100}) {
      var config = parser.parse(Corpus.config(rules));
      assertThat(config.rules().all()).hasSize(rules);
      assertThat(config.segments()).hasSize(10);
    }
  }
}
