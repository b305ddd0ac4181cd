package dev.touchline.core.domain.workspace;

import java.util.Objects;

/** How a workspace resolves identities: unknown-contact policy and default phone region. */
public record IdentityPolicy(UnknownContactPolicy unknownContacts, String defaultRegion) {
  public static final IdentityPolicy DEFAULT =
      new IdentityPolicy(UnknownContactPolicy.CREATE, "US");

  public IdentityPolicy {
    Objects.requireNonNull(unknownContacts, "unknownContacts");
    Objects.requireNonNull(defaultRegion, "defaultRegion");
  }
}
