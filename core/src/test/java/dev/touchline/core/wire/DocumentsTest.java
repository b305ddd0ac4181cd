package dev.touchline.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.port.in.IngestOutcome;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  private final Ulids ids = new Ulids();

  private IngestOutcome.Duplicate duplicate(boolean inFlight) {
    return new IngestOutcome.Duplicate(
        new EventId(ids.next(Instant.EPOCH)),
        Optional.of(new ContactId(ids.next(Instant.EPOCH))),
        IngestOutcome.DuplicateReason.MESSAGE_ID,
        inFlight);
  }

  @Test
  void aDuplicateWhoseFirstAttemptMayStillRun_saysInFlight_soTheClientSendsItAgainLater() {
    assertThat(Documents.single(duplicate(true)).get("inFlight").asBoolean()).isTrue();
    assertThat(Documents.single(duplicate(true)).get("status").asText()).isEqualTo("duplicate");
  }

  @Test
  void aFinishedDuplicate_hasNoInFlightField() {
    assertThat(Documents.single(duplicate(false)).has("inFlight")).isFalse();
  }
}
