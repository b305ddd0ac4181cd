package dev.touchline.core.domain.contact;

import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentityType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A contact's identifiers: at most one of each type. */
public record Identities(Map<IdentityType, Identifier> byType) {
  public static final Identities NONE = new Identities(Map.of());

  public Identities {
    EnumMap<IdentityType, Identifier> copy = new EnumMap<>(IdentityType.class);
    for (Map.Entry<IdentityType, Identifier> e : byType.entrySet()) {
      if (e.getValue().type() != e.getKey()) {
        throw new IllegalArgumentException(
            "identifier " + e.getValue() + " filed under " + e.getKey());
      }
      copy.put(e.getKey(), e.getValue());
    }
    byType = java.util.Collections.unmodifiableMap(copy);
  }

  public static Identities of(List<Identifier> identifiers) {
    Map<IdentityType, Identifier> map = new EnumMap<>(IdentityType.class);
    for (Identifier id : identifiers) {
      if (map.putIfAbsent(id.type(), id) != null) {
        throw new IllegalArgumentException("two identifiers of type " + id.type());
      }
    }
    return new Identities(map);
  }

  public Optional<Identifier> get(IdentityType type) {
    return Optional.ofNullable(byType.get(type));
  }

  public Identities with(Identifier identifier) {
    Map<IdentityType, Identifier> map = new EnumMap<>(IdentityType.class);
    map.putAll(byType);
    map.put(identifier.type(), identifier);
    return new Identities(map);
  }

  public List<Identifier> all() {
    return new ArrayList<>(byType.values());
  }
}
