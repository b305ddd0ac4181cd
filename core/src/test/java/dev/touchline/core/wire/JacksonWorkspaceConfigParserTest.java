package dev.touchline.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.contact.LifecycleStages;
import dev.touchline.core.domain.rule.Action;
import dev.touchline.core.domain.rule.Condition;
import dev.touchline.core.domain.workspace.InvalidConfigException;
import dev.touchline.core.domain.workspace.UnknownContactPolicy;
import dev.touchline.core.domain.workspace.Vocabulary;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JacksonWorkspaceConfigParserTest {
  private final JacksonWorkspaceConfigParser parser = new JacksonWorkspaceConfigParser();

  @Test
  void theDefaultDocument_isDesign4() {
    WorkspaceConfig c = parser.parse(DefaultWorkspaceConfig.document());
    assertThat(c.identity().unknownContacts()).isEqualTo(UnknownContactPolicy.CREATE);
    assertThat(c.identity().defaultRegion()).isEqualTo("US");
    assertThat(c.dedup().messageIdWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(c.dedup().businessKeysFor("purchase"))
        .singleElement()
        .satisfies(k -> assertThat(k.propertyPath()).isEqualTo("orderId"));
    assertThat(c.dedup().throttlesFor("email_opened"))
        .singleElement()
        .satisfies(t -> assertThat(t.window()).isEqualTo(Duration.ofMinutes(20)));
    assertThat(c.dedup().bots().enabled()).isTrue();
    assertThat(parser.parse("{}")).usingRecursiveComparison().isEqualTo(c);
  }

  @Test
  void theShippedExampleConfiguration_parses() throws Exception {
    WorkspaceConfig c =
        parser.parse(Files.readString(Path.of("../examples/workspace-config.json")));
    assertThat(c.rules().all()).hasSize(7);
    assertThat(c.segments())
        .extracting(s -> s.id())
        .containsExactly("vip", "active-buyer", "trial-at-risk");
    assertThat(c.rules().forType("segment.entered")).hasSize(2);
    assertThat(c.rules().forType("signup").get(0).actions())
        .contains(
            new Action.Score(10, true, Optional.empty()), new Action.Trigger("welcome-series"));
  }

  @Test
  void conditionsAreParsedIntoTypedValues() {
    WorkspaceConfig c =
        parser.parse(
            "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"e\",\"where\":{\"property\":\"a.b\",\"gte\":3}},"
                + "\"if\":{\"any\":[{\"hasTag\":\"t\"},{\"eventCount\":{\"event\":\"e\",\"atLeast\":2}}]},"
                + "\"then\":[{\"addTag\":\"x\"}]}]}");
    var rule = c.rules().all().get(0);
    assertThat(rule.where()).get().isInstanceOf(Condition.Property.class);
    assertThat(rule.condition()).get().isInstanceOf(Condition.Any.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | {\"rules\": | | $.rules",
        "unknown top-level field | {\"rulez\":[]} | | $.rulez",
        "rules not an array | {\"rules\":{}} | | $.rules",
        "rule without id | {\"rules\":[{\"when\":{\"event\":\"a\"},\"then\":[{\"addTag\":\"x\"}]}]} | | $.rules[0].id",
        "duplicate rule id | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"addTag\":\"x\"}]},{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[1].id",
        "no actions | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[]}]} | r | $.rules[0].then",
        "unknown action | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"fly\":1}]}]} | r | $.rules[0].then[0]",
        "score not integer | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"score\":{\"points\":1.5}}]}]} | r | $.rules[0].then[0].score.points",
        "once with cooldown | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"score\":{\"points\":1,\"once\":true,\"cooldown\":\"PT1H\"}}]}]} | r | $.rules[0].then[0].score",
        "unknown operator | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\",\"where\":{\"property\":\"x\",\"like\":1}},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].when.where.like",
        "two operators | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\",\"where\":{\"property\":\"x\",\"eq\":1,\"gt\":0}},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].when.where",
        "in needs array | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\",\"where\":{\"property\":\"x\",\"in\":1}},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].when.where.in",
        "if reads event | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"if\":{\"property\":\"x\",\"eq\":1},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].if",
        "unknown segment | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"if\":{\"inSegment\":\"s\"},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].if.inSegment",
        "bad duration | {\"segments\":[{\"id\":\"s\",\"condition\":{\"didWithin\":{\"event\":\"a\",\"within\":\"7 days\"}}}]} | s | $.segments[0].condition.didWithin.within",
        "negative duration | {\"dedup\":{\"throttles\":[{\"event\":\"a\",\"window\":\"-PT1M\"}]}} | | $.dedup.throttles[0].window",
        "unknown region | {\"identity\":{\"defaultRegion\":\"XX\"}} | | $.identity.defaultRegion",
        "object attribute | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"setAttribute\":{\"name\":\"n\",\"value\":{\"a\":1}}}]}]} | r | $.rules[0].then[0].setAttribute.value",
        "two value sources | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"setAttribute\":{\"name\":\"n\",\"value\":1,\"fromProperty\":\"p\"}}]}]} | r | $.rules[0].then[0].setAttribute",
        "empty all | {\"segments\":[{\"id\":\"s\",\"condition\":{\"all\":[]}}]} | s | $.segments[0].condition.all",
        "no stages | {\"lifecycle\":{\"stages\":[]}} | | $.lifecycle.stages",
        "stages not an array | {\"lifecycle\":{\"stages\":\"lead\"}} | | $.lifecycle.stages",
        "bad stage name | {\"lifecycle\":{\"stages\":[\"lead\",\"Big Fish\"]}} | | $.lifecycle.stages[1]",
        "stage twice | {\"lifecycle\":{\"stages\":[\"lead\",\"lead\"]}} | | $.lifecycle.stages[1]",
        "other not last | {\"lifecycle\":{\"stages\":[\"other\",\"lead\"]}} | | $.lifecycle.stages[0]",
        "unknown lifecycle field | {\"lifecycle\":{\"order\":[]}} | | $.lifecycle.order",
        "unknown stage in action | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"setLifecycle\":\"champion\"}]}]} | r | $.rules[0].then[0].setLifecycle",
        "force not boolean | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"setLifecycle\":{\"stage\":\"lead\",\"force\":\"yes\"}}]}]} | r | $.rules[0].then[0].setLifecycle.force",
        "stage missing | {\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"then\":[{\"setLifecycle\":{\"force\":true}}]}]} | r | $.rules[0].then[0].setLifecycle.stage",
        "unknown stage in condition | {\"segments\":[{\"id\":\"s\",\"condition\":{\"lifecycleAtLeast\":\"vip\"}}]} | s | $.segments[0].condition.lifecycleAtLeast",
        "stage of the default list once stages are configured | {\"lifecycle\":{\"stages\":[\"trial\",\"paid\"]},\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},\"if\":{\"lifecycleIs\":\"lead\"},\"then\":[{\"addTag\":\"x\"}]}]} | r | $.rules[0].if.lifecycleIs",
        "bad vocabulary mode | {\"vocabulary\":{\"mode\":\"strict\"}} | | $.vocabulary.mode",
        "closed without types | {\"vocabulary\":{\"mode\":\"closed\"}} | | $.vocabulary.events",
        "events not an object | {\"vocabulary\":{\"events\":[\"signup\"]}} | | $.vocabulary.events",
        "bad property type | {\"vocabulary\":{\"events\":{\"purchase\":{\"properties\":{\"orderId\":{\"type\":\"text\"}}}}}} | | $.vocabulary.events.purchase.properties.orderId.type",
        "property type missing | {\"vocabulary\":{\"events\":{\"purchase\":{\"properties\":{\"orderId\":{\"required\":true}}}}}} | | $.vocabulary.events.purchase.properties.orderId.type",
        "required not boolean | {\"vocabulary\":{\"events\":{\"purchase\":{\"properties\":{\"orderId\":{\"type\":\"string\",\"required\":1}}}}}} | | $.vocabulary.events.purchase.properties.orderId.required",
        "unknown schema field | {\"vocabulary\":{\"events\":{\"purchase\":{\"props\":{}}}}} | | $.vocabulary.events.purchase.props",
        "event type too long | {\"vocabulary\":{\"events\":{\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\":{}}}} | | $.vocabulary.events.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (65 characters)",
      })
  void invalidDocuments_nameTheRuleAndThePath(
      String what, String json, String ruleId, String path) {
    assertThatThrownBy(() -> parser.parse(json))
        .as(what)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.ruleId()).isEqualTo(Optional.ofNullable(ruleId));
              if (ruleId != null) {
                String kind = path.startsWith("$.segments") ? "segment '" : "rule '";
                assertThat(e.getMessage()).startsWith(kind + ruleId + "': ");
              }
            });
  }

  @Test
  void ruleAndSegmentCounts_atTheLimitAndPastIt() {
    assertThat(parser.parse(rules(JacksonWorkspaceConfigParser.MAX_RULES)).rules().all())
        .hasSize(1000);
    assertThatThrownBy(() -> parser.parse(rules(JacksonWorkspaceConfigParser.MAX_RULES + 1)))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.path()).isEqualTo("$.rules"));
    assertThat(parser.parse(segments(JacksonWorkspaceConfigParser.MAX_SEGMENTS)).segments())
        .hasSize(200);
    assertThatThrownBy(() -> parser.parse(segments(JacksonWorkspaceConfigParser.MAX_SEGMENTS + 1)))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.path()).isEqualTo("$.segments"));
  }

  private static String rules(int n) {
    StringBuilder b = new StringBuilder("{\"rules\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":\"r")
          .append(i)
          .append("\",\"when\":{\"event\":\"e\"},\"then\":[{\"score\":1}]}");
    }
    return b.append("]}").toString();
  }

  private static String segments(int n) {
    StringBuilder b = new StringBuilder("{\"segments\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":\"s")
          .append(i)
          .append("\",\"condition\":{\"scoreAtLeast\":1}}");
    }
    return b.append("]}").toString();
  }

  @Test
  void conditionsNestedTooDeep_areRefused() {
    String deep = "{\"hasTag\":\"x\"}";
    for (int i = 0; i < 16; i++) {
      deep = "{\"not\":" + deep + "}";
    }
    String json = "{\"segments\":[{\"id\":\"s\",\"condition\":" + deep + "}]}";
    assertThatThrownBy(() -> parser.parse(json))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("deeper than 16");
  }

  @Test
  void lifecycleStages_defaultOrConfigured_alwaysEndWithOther() {
    assertThat(parser.parse("{}").lifecycle().order())
        .containsExactly(
            "subscriber",
            "lead",
            "marketing_qualified",
            "sales_qualified",
            "opportunity",
            "customer",
            "evangelist",
            "other");
    assertThat(
            parser.parse("{\"lifecycle\":{\"stages\":[\"trial\",\"paid\"]}}").lifecycle().order())
        .containsExactly("trial", "paid", "other");
    assertThat(
            parser.parse("{\"lifecycle\":{\"stages\":[\"trial\",\"other\"]}}").lifecycle().order())
        .containsExactly("trial", "other");
  }

  @Test
  void lifecycleStageCount_atTheLimitAndPastIt() {
    assertThat(parser.parse(stages(LifecycleStages.MAX_STAGES)).lifecycle().order())
        .hasSize(LifecycleStages.MAX_STAGES + 1);
    assertThatThrownBy(() -> parser.parse(stages(LifecycleStages.MAX_STAGES + 1)))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> assertThat(e.path()).isEqualTo("$.lifecycle.stages"));
  }

  @Test
  void lifecycleActionsAndConditions_areParsedIntoTypedValues() {
    WorkspaceConfig c =
        parser.parse(
            "{\"rules\":[{\"id\":\"r\",\"when\":{\"event\":\"a\"},"
                + "\"if\":{\"all\":[{\"lifecycleIs\":\"lead\"},{\"lifecycleAtLeast\":\"subscriber\"}]},"
                + "\"then\":[{\"setLifecycle\":\"customer\"},"
                + "{\"setLifecycle\":{\"stage\":\"lead\",\"force\":true}}]}]}");
    var rule = c.rules().all().get(0);
    assertThat(rule.actions())
        .containsExactly(
            new Action.SetLifecycle("customer", false), new Action.SetLifecycle("lead", true));
    assertThat(rule.condition())
        .contains(
            new Condition.All(
                java.util.List.of(
                    new Condition.LifecycleIs("lead"),
                    new Condition.LifecycleAtLeast("subscriber", LifecycleStages.DEFAULT))));
  }

  @Test
  void aVocabulary_isParsedWithItsTypesAndRequiredProperties() {
    WorkspaceConfig c =
        parser.parse(
            "{\"vocabulary\":{\"mode\":\"closed\",\"events\":{\"purchase\":{\"properties\":"
                + "{\"orderId\":{\"type\":\"string\",\"required\":true},\"at\":{\"type\":\"timestamp\"}}},"
                + "\"signup\":{}}}}");
    Vocabulary v = c.vocabulary();
    assertThat(v.closed()).isTrue();
    assertThat(v.events()).containsOnlyKeys("purchase", "signup");
    assertThat(v.events().get("purchase").properties())
        .containsEntry("orderId", new Vocabulary.PropertySpec(Vocabulary.PropertyType.STRING, true))
        .containsEntry("at", new Vocabulary.PropertySpec(Vocabulary.PropertyType.TIMESTAMP, false));
    assertThat(parser.parse("{}").vocabulary()).isEqualTo(Vocabulary.OPEN);
  }

  @Test
  void theShippedVocabularyExamples_parse() throws Exception {
    WorkspaceConfig eight =
        parser.parse(Files.readString(Path.of("../examples/vocabulary-lifecycle-events.json")));
    assertThat(eight.vocabulary().closed()).isTrue();
    assertThat(eight.vocabulary().events())
        .containsOnlyKeys(
            "signup",
            "purchase",
            "core_activity",
            "referral",
            "feature_used",
            "support_ticket",
            "cart",
            "re_engagement");
    WorkspaceConfig seventeen =
        parser.parse(Files.readString(Path.of("../examples/vocabulary-subscriber-events.json")));
    assertThat(seventeen.vocabulary().closed()).isTrue();
    assertThat(seventeen.vocabulary().events())
        .containsOnlyKeys(
            "SUBSCRIBED",
            "UNSUBSCRIBED",
            "TAG_ADDED",
            "TAG_REMOVED",
            "EMAIL_OPENED",
            "EMAIL_CLICKED",
            "EMAIL_SENT",
            "EMAIL_RECEIVED",
            "WORKFLOW_STARTED",
            "WORKFLOW_COMPLETED",
            "WORKFLOW_CANCELED",
            "FIELD_UPDATED",
            "EMAIL_BOUNCED",
            "EMAIL_COMPLAINED",
            "WEBHOOK_EXECUTED",
            "SUBSCRIBER_PAYMENT",
            "SUBSCRIBER_REFUND");
  }

  private static String stages(int n) {
    StringBuilder b = new StringBuilder("{\"lifecycle\":{\"stages\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
    }
    return b.append("]}}").toString();
  }
}
