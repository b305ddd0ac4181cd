package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.IngestObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedIngestTest {
  private static final Caller CALLER = Caller.trusted(new WorkspaceId("obs"));

  @Test
  void theObserverSeesEveryCommandWithItsOutcomes() {
    List<IngestResult> seen = new ArrayList<>();
    List<Duration> took = new ArrayList<>();
    Touchline engine =
        Touchline.builder()
            .ingestObserver(
                (caller, result, elapsed) -> {
                  seen.add(result);
                  took.add(elapsed);
                })
            .build();

    EventInput signup = EventInput.of("signup", "email", "o@example.com").withMessageId("m-1");
    engine.ingest().ingest(CALLER, IngestCommand.of(signup));
    engine.ingest().ingest(CALLER, IngestCommand.of(signup));

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).accepted()).isEqualTo(1);
    assertThat(seen.get(1).duplicates()).isEqualTo(1);
    assertThat(took).allSatisfy(d -> assertThat(d).isPositive());
  }

  @Test
  void aFailingObserverNeverFailsTheIngest() {
    IngestObserver broken =
        (caller, result, elapsed) -> {
          throw new IllegalStateException("metrics backend down");
        };
    Touchline engine = Touchline.builder().ingestObserver(broken).build();

    IngestResult result =
        engine
            .ingest()
            .ingest(CALLER, IngestCommand.of(EventInput.of("signup", "email", "b@example.com")));

    assertThat(result.outcomes().get(0)).isInstanceOf(IngestOutcome.Accepted.class);
  }
}
