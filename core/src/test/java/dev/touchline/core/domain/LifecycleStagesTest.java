package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.contact.LifecycleStages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LifecycleStagesTest {
  private final LifecycleStages stages = LifecycleStages.DEFAULT;

  @Test
  void aContactMovesForwardOnly_andOtherComesLast() {
    assertThat(stages.isForward(Optional.empty(), "customer")).isTrue();
    assertThat(stages.isForward(Optional.of("lead"), "customer")).isTrue();
    assertThat(stages.isForward(Optional.of("customer"), "lead")).isFalse();
    assertThat(stages.isForward(Optional.of("customer"), "customer")).isFalse();
    assertThat(stages.isForward(Optional.of("evangelist"), "other")).isTrue();
    assertThat(stages.isForward(Optional.of("other"), "subscriber")).isFalse();
  }

  @Test
  void aStageNoLongerConfigured_mayBeLeftForAny_butNoneMovesToAnUnknownOne() {
    LifecycleStages renamed = LifecycleStages.of(List.of("trial", "paid"));
    assertThat(renamed.isForward(Optional.of("lead"), "trial")).isTrue();
    assertThat(renamed.isForward(Optional.of("trial"), "lead")).isFalse();
  }

  @Test
  void theList_isCheckedWhenMade() {
    assertThat(LifecycleStages.of(List.of("trial", "other")).order())
        .containsExactly("trial", "other");
    assertThatThrownBy(() -> LifecycleStages.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LifecycleStages.of(List.of("other", "trial")))
        .hasMessageContaining("last");
    assertThatThrownBy(() -> LifecycleStages.of(List.of("a", "a"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> LifecycleStages.of(List.of("Big"))).hasMessageContaining("lower-case");
  }
}
