package dev.touchline.core.domain.contact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A workspace's ordered lifecycle stages, earliest first, always ending with {@link #OTHER}. A rule
 * moves a contact forward along them; backward only when forced.
 */
public record LifecycleStages(List<String> order) {
  /** The stage that always comes last, for contacts that fit no other. */
  public static final String OTHER = "other";

  /** The stages a workspace has unless it configures its own (then {@link #OTHER}). */
  public static final List<String> DEFAULT_ORDER =
      List.of(
          "subscriber",
          "lead",
          "marketing_qualified",
          "sales_qualified",
          "opportunity",
          "customer",
          "evangelist");

  /** The most stages a workspace may configure. */
  public static final int MAX_STAGES = 50;

  /** What a stage's name looks like. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public static final LifecycleStages DEFAULT = of(DEFAULT_ORDER);

  public LifecycleStages {
    order = List.copyOf(order);
    if (order.isEmpty() || !order.get(order.size() - 1).equals(OTHER)) {
      throw new IllegalArgumentException("the stages must end with " + OTHER);
    }
    if (new HashSet<>(order).size() != order.size()) {
      throw new IllegalArgumentException("a stage is named twice: " + order);
    }
  }

  /**
   * The stages in this order, then {@link #OTHER} (which may be named among them only last).
   *
   * @throws IllegalArgumentException naming the fault: no stage, too many, a malformed name, a
   *     stage twice
   */
  public static LifecycleStages of(List<String> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("at least one stage");
    }
    if (stages.size() > MAX_STAGES) {
      throw new IllegalArgumentException("at most " + MAX_STAGES + " stages");
    }
    List<String> order = new ArrayList<>(stages);
    for (int i = 0; i < order.size(); i++) {
      String stage = order.get(i);
      if (!NAME.matcher(stage).matches()) {
        throw new IllegalArgumentException(
            "a stage is 1-64 lower-case letters, digits or '_', starting with a letter: " + stage);
      }
      if (stage.equals(OTHER) && i != order.size() - 1) {
        throw new IllegalArgumentException(OTHER + " is always the last stage");
      }
    }
    if (!order.get(order.size() - 1).equals(OTHER)) {
      order.add(OTHER);
    }
    return new LifecycleStages(order);
  }

  /** A stage's place, 0 for the earliest; empty for a name that is no stage here. */
  public Optional<Integer> rank(String stage) {
    int i = order.indexOf(stage);
    return i < 0 ? Optional.empty() : Optional.of(i);
  }

  public boolean contains(String stage) {
    return order.contains(stage);
  }

  /**
   * Whether a contact at {@code current} may move to {@code target} without force: it has no stage
   * yet, or the target comes later. A current stage that is no longer among these (the workspace
   * changed its list) may be left for any stage.
   */
  public boolean isForward(Optional<String> current, String target) {
    if (current.isEmpty()) {
      return true;
    }
    Optional<Integer> from = rank(current.get());
    Optional<Integer> to = rank(target);
    return from.isEmpty() || (to.isPresent() && to.get() > from.get());
  }
}
