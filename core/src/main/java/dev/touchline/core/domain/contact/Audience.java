package dev.touchline.core.domain.contact;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A set of contacts that can be listed: those in a segment, those holding a tag, those at a
 * lifecycle stage. Stores keep an index of them as contacts change.
 */
public sealed interface Audience permits Audience.InSegment, Audience.Tagged, Audience.AtStage {

  /** The kind as the API names it: {@code segment}, {@code tag}, {@code lifecycle}. */
  String kind();

  /** The segment id, tag or stage. */
  String name();

  /** The contacts in a segment. */
  record InSegment(String name) implements Audience {
    public InSegment {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
      return "segment";
    }
  }

  /** The contacts holding a tag. */
  record Tagged(String name) implements Audience {
    public Tagged {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
      return "tag";
    }
  }

  /** The contacts at a lifecycle stage. */
  record AtStage(String name) implements Audience {
    public AtStage {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
      return "lifecycle";
    }
  }

  /** Every audience a contact belongs to. */
  static Set<Audience> of(ContactView contact) {
    Set<Audience> all = new LinkedHashSet<>();
    contact.segments().forEach(s -> all.add(new InSegment(s)));
    contact.tags().forEach(t -> all.add(new Tagged(t)));
    contact.lifecycle().ifPresent(l -> all.add(new AtStage(l)));
    return all;
  }

  /** Whether a contact belongs to this audience. */
  default boolean includes(ContactView contact) {
    if (this instanceof InSegment segment) {
      return contact.segments().contains(segment.name());
    }
    if (this instanceof Tagged tag) {
      return contact.tags().contains(tag.name());
    }
    return contact.lifecycle().filter(name()::equals).isPresent();
  }
}
