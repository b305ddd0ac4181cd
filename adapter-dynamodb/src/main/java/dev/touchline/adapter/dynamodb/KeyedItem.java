package dev.touchline.adapter.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** The key attributes every item of the table has: table keys, the GSI1 keys (when listed), TTL. */
abstract class KeyedItem {
  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private Long ttl;

  /** The schema of the shared attributes, extended by each item's own schema. */
  static final StaticTableSchema<KeyedItem> KEYS =
      StaticTableSchema.builder(KeyedItem.class)
          .addAttribute(
              String.class,
              a ->
                  a.name(DynamoDbStore.PK)
                      .getter(KeyedItem::getPk)
                      .setter(KeyedItem::setPk)
                      .tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a ->
                  a.name(DynamoDbStore.SK)
                      .getter(KeyedItem::getSk)
                      .setter(KeyedItem::setSk)
                      .tags(primarySortKey()))
          .addAttribute(
              String.class,
              a ->
                  a.name(DynamoDbStore.GSI1PK)
                      .getter(KeyedItem::getGsi1pk)
                      .setter(KeyedItem::setGsi1pk)
                      .tags(secondaryPartitionKey(DynamoDbStore.GSI1)))
          .addAttribute(
              String.class,
              a ->
                  a.name(DynamoDbStore.GSI1SK)
                      .getter(KeyedItem::getGsi1sk)
                      .setter(KeyedItem::setGsi1sk)
                      .tags(secondarySortKey(DynamoDbStore.GSI1)))
          .addAttribute(
              Long.class,
              a -> a.name(DynamoDbStore.TTL).getter(KeyedItem::getTtl).setter(KeyedItem::setTtl))
          .build();

  String getPk() {
    return pk;
  }

  void setPk(String pk) {
    this.pk = pk;
  }

  String getSk() {
    return sk;
  }

  void setSk(String sk) {
    this.sk = sk;
  }

  String getGsi1pk() {
    return gsi1pk;
  }

  void setGsi1pk(String gsi1pk) {
    this.gsi1pk = gsi1pk;
  }

  String getGsi1sk() {
    return gsi1sk;
  }

  void setGsi1sk(String gsi1sk) {
    this.gsi1sk = gsi1sk;
  }

  Long getTtl() {
    return ttl;
  }

  void setTtl(Long ttl) {
    this.ttl = ttl;
  }
}
