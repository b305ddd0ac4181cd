package dev.touchline.testkit.scenario;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every conformance scenario against a target. Each runtime extends it and supplies only
 * {@link #target()}; a target may be shared (every scenario uses fresh workspaces).
 */
public abstract class ConformanceSuite {

  /** A target whose clock stands at {@link ScenarioRunner#START}, or a new one per scenario. */
  protected abstract ScenarioTarget target();

  @TestFactory
  Stream<DynamicTest> scenarios() {
    return Scenarios.all().stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.toString(),
                    () -> {
                      try (ScenarioTarget target = target()) {
                        ScenarioRunner.run(s, target);
                      }
                    }));
  }
}
