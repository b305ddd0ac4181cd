package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.RateLimit;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An API key, found by the hash of its secret: {@code PK = KEY#<hash>}, {@code SK = #}; listed per
 * workspace through GSI1 ({@code WS#<ws>#KEYS}, sorted by key id).
 */
final class ApiKeyItem extends KeyedItem {
  private String id;
  private String workspace;
  private String hash;
  private String name;
  private String hint;
  private List<String> scopes;
  private Long burst;
  private Double perSecond;
  private Long createdAtMs;
  private Boolean revoked;

  static final StaticTableSchema<ApiKeyItem> SCHEMA =
      StaticTableSchema.builder(ApiKeyItem.class)
          .newItemSupplier(ApiKeyItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
          .addAttribute(
              String.class,
              a -> a.name("workspace").getter(i -> i.workspace).setter((i, v) -> i.workspace = v))
          .addAttribute(
              String.class, a -> a.name("hash").getter(i -> i.hash).setter((i, v) -> i.hash = v))
          .addAttribute(
              String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
          .addAttribute(
              String.class, a -> a.name("hint").getter(i -> i.hint).setter((i, v) -> i.hint = v))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a -> a.name("scopes").getter(i -> i.scopes).setter((i, v) -> i.scopes = v))
          .addAttribute(
              Long.class, a -> a.name("burst").getter(i -> i.burst).setter((i, v) -> i.burst = v))
          .addAttribute(
              Double.class,
              a -> a.name("perSecond").getter(i -> i.perSecond).setter((i, v) -> i.perSecond = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("createdAt")
                      .getter(i -> i.createdAtMs)
                      .setter((i, v) -> i.createdAtMs = v))
          .addAttribute(
              Boolean.class,
              a -> a.name("revoked").getter(i -> i.revoked).setter((i, v) -> i.revoked = v))
          .build();

  static String pk(String hash) {
    return "KEY#" + hash;
  }

  static String byWorkspace(WorkspaceId workspace) {
    return "WS#" + workspace.value() + "#KEYS";
  }

  static ApiKeyItem from(ApiKey key) {
    ApiKeyItem item = new ApiKeyItem();
    item.setPk(pk(key.hash()));
    item.setSk("#");
    item.setGsi1pk(byWorkspace(key.workspace()));
    item.setGsi1sk(key.id());
    item.id = key.id();
    item.workspace = key.workspace().value();
    item.hash = key.hash();
    item.name = key.name().isEmpty() ? null : key.name();
    item.hint = key.hint().isEmpty() ? null : key.hint();
    item.scopes = key.scopes().stream().map(Scope::wireName).sorted().toList();
    item.burst = key.rateLimit().burst();
    item.perSecond = key.rateLimit().perSecond();
    item.createdAtMs = key.createdAt().toEpochMilli();
    item.revoked = key.revoked();
    return item;
  }

  ApiKey toDomain() {
    Set<Scope> parsed = EnumSet.noneOf(Scope.class);
    for (String s : scopes == null ? List.<String>of() : scopes) {
      Scope.fromWireName(s)
          .ifPresent(parsed::add); // a scope this version does not know grants nothing
    }
    return new ApiKey(
        id,
        new WorkspaceId(workspace),
        hash,
        name == null ? "" : name,
        hint == null ? "" : hint,
        parsed,
        new RateLimit(burst, perSecond),
        Instant.ofEpochMilli(createdAtMs),
        Boolean.TRUE.equals(revoked));
  }

  String workspace() {
    return workspace;
  }

  String hash() {
    return hash;
  }
}
