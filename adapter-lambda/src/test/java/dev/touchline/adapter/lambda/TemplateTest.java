package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/** {@code template.yaml} against the code it deploys. */
@Timeout(120)
class TemplateTest {
  private static final Map<String, Class<?>> EVENT_TYPES =
      Map.of(
          "HttpApi", APIGatewayV2HTTPEvent.class,
          "Api", APIGatewayProxyRequestEvent.class,
          "SQS", SQSEvent.class);

  private final SamTemplate template = SamTemplate.read();

  @Test
  void everyHandler_isAClassWithAPublicConstructor_andAMethodForTheEventItsTriggerSends()
      throws Exception {
    Map<String, JsonNode> functions = template.resources("AWS::Serverless::Function");
    assertThat(functions).containsOnlyKeys("ApiFunction", "EventsFunction");
    for (Map.Entry<String, JsonNode> f : functions.entrySet()) {
      String[] handler = f.getValue().path("Properties").path("Handler").asText().split("::");
      assertThat(handler).as(f.getKey() + " Handler is class::method").hasSize(2);
      Class<?> type = Class.forName(handler[0]);
      assertThat(RequestHandler.class).isAssignableFrom(type);
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
      List<JsonNode> events =
          StreamSupport.stream(f.getValue().path("Properties").path("Events").spliterator(), false)
              .toList();
      assertThat(events).as(f.getKey() + " is triggered by something").isNotEmpty();
      for (JsonNode event : events) {
        Class<?> eventType = EVENT_TYPES.get(event.path("Type").asText());
        assertThat(eventType).as("event source " + event.path("Type")).isNotNull();
        assertThat(type.getMethod(handler[1], eventType, Context.class)).isNotNull();
      }
    }
  }

  @Test
  void theTable_hasTheKeysIndexAndTtl_theAdapterCreates() {
    System.setProperty("ddb.local.telemetry", "false");
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create();
    try {
      DynamoDbClient client = local.dynamoDbClient();
      new DynamoDbStore(client, "created").createTableIfMissing(true);
      TableDescription created = client.describeTable(b -> b.tableName("created")).table();
      TimeToLiveDescription ttl =
          client.describeTimeToLive(b -> b.tableName("created")).timeToLiveDescription();
      JsonNode table = template.resource("TouchlineTable").path("Properties");

      assertThat(table.path("BillingMode").asText())
          .isEqualTo(created.billingModeSummary().billingModeAsString());
      assertThat(pairs(table.path("AttributeDefinitions"), "AttributeName", "AttributeType"))
          .isEqualTo(
              created.attributeDefinitions().stream()
                  .collect(
                      Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())));
      assertThat(keys(table.path("KeySchema")))
          .isEqualTo(
              created.keySchema().stream()
                  .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                  .toList());
      assertThat(table.path("GlobalSecondaryIndexes"))
          .hasSize(created.globalSecondaryIndexes().size());
      for (GlobalSecondaryIndexDescription gsi : created.globalSecondaryIndexes()) {
        JsonNode declared =
            StreamSupport.stream(table.path("GlobalSecondaryIndexes").spliterator(), false)
                .filter(i -> i.path("IndexName").asText().equals(gsi.indexName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + gsi.indexName()));
        assertThat(keys(declared.path("KeySchema")))
            .isEqualTo(
                gsi.keySchema().stream()
                    .map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                    .toList());
        assertThat(declared.path("Projection").path("ProjectionType").asText())
            .isEqualTo(gsi.projection().projectionTypeAsString());
      }
      assertThat(ttl.timeToLiveStatusAsString()).isIn("ENABLED", "ENABLING");
      assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText())
          .isEqualTo(ttl.attributeName());
      assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    } finally {
      local.shutdownNow();
    }
  }

  @Test
  void
      theEventsQueue_outwaitsSixFunctionTimeouts_reportsPartialFailures_andDrainsToADeadLetterQueue() {
    int timeout = template.functionProperty("EventsFunction", "Timeout").asInt();
    JsonNode queue = template.resource("EventsQueue").path("Properties");
    JsonNode source = template.resource("EventsFunction").path("Properties").path("Events");
    JsonNode sqs = source.elements().next().path("Properties");

    assertThat(timeout).isPositive();
    assertThat(queue.path("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(6 * timeout);
    assertThat(
            queue
                .path("RedrivePolicy")
                .path("deadLetterTargetArn")
                .path("Fn::GetAtt")
                .get(0)
                .asText())
        .isEqualTo("EventsDeadLetterQueue");
    assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isBetween(1, 10);
    assertThat(sqs.path("Queue").path("Fn::GetAtt").get(0).asText()).isEqualTo("EventsQueue");
    assertThat(sqs.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
    assertThat(sqs.path("BatchSize").asInt()).isBetween(1, 10);
    assertThat(template.resource("TriggerQueue").path("Type").asText())
        .isEqualTo("AWS::SQS::Queue");
  }

  @Test
  void snapStart_appliesToPublishedVersions_whichTheEventSourcesCall() {
    for (String f : List.of("ApiFunction", "EventsFunction")) {
      assertThat(template.functionProperty(f, "SnapStart").path("ApplyOn").asText())
          .isEqualTo("PublishedVersions");
      assertThat(template.functionProperty(f, "AutoPublishAlias").asText()).isNotBlank();
      assertThat(template.functionProperty(f, "Runtime").asText()).isEqualTo("java17");
    }
  }

  @Test
  void theEnvironment_namesOnlyVariablesTheFunctionsRead_andTheyStartWithIt() {
    for (String f : List.of("ApiFunction", "EventsFunction")) {
      Map<String, JsonNode> env = template.environment(f);
      assertThat(env.keySet())
          .allSatisfy(
              name ->
                  assertThat(
                          LambdaSettings.VARIABLES.contains(name)
                              || name.equals("JAVA_TOOL_OPTIONS"))
                      .as(name + " is read by the functions")
                      .isTrue());
      Map<String, String> values = new HashMap<>();
      values.put("AWS_REGION", "eu-west-1"); // set by Lambda
      env.forEach((name, value) -> values.put(name, sample(name, value)));
      LambdaSettings settings = LambdaSettings.from(values);
      assertThat(settings.queueUrl()).isPresent();
      assertThat(settings.triggerQueueUrl()).isPresent();
      assertThat(settings.priming()).isTrue();
    }
  }

  @Test
  void theRoles_allowNamedResourcesOnly_andTheCallsTheFunctionsMake() {
    for (String f : List.of("ApiFunction", "EventsFunction")) {
      String role = template.roleOf(f);
      for (JsonNode s : template.statements(role)) {
        assertThat(s.path("Effect").asText()).isEqualTo("Allow");
        assertThat(s.path("Action").toString()).doesNotContain("*");
        assertThat(s.path("Resource").toString())
            .as(role + " names its resources")
            .isNotEqualTo("\"*\"");
        assertThat(s.path("Resource").toString()).doesNotContain("\"*\"");
      }
      assertThat(template.actions(role).stream().filter(a -> a.startsWith("dynamodb:")))
          .as("the table's calls, no scans and no table management")
          .containsExactlyInAnyOrder(
              "dynamodb:GetItem",
              "dynamodb:BatchGetItem",
              "dynamodb:Query",
              "dynamodb:PutItem",
              "dynamodb:UpdateItem",
              "dynamodb:DeleteItem");
    }
    for (String f : List.of("ApiFunction", "EventsFunction")) {
      String name =
          template.resource(f).path("Properties").path("FunctionName").path("Fn::Sub").asText();
      assertThat(
              template
                  .resource(f + "LogGroup")
                  .path("Properties")
                  .path("LogGroupName")
                  .path("Fn::Sub")
                  .asText())
          .as("the log group Lambda writes " + f + "'s logs to")
          .isEqualTo("/aws/lambda/" + name);
      assertThat(template.actions(template.roleOf(f)))
          .as("the template makes the log group; the role need not")
          .doesNotContain("logs:CreateLogGroup");
    }
    assertThat(template.actions("ApiFunctionRole"))
        .contains("sqs:SendMessage")
        .doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
    assertThat(template.actions("EventsFunctionRole"))
        .contains(
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:SendMessage");
  }

  @Test
  void samBuild_findsAMakefileTarget_forEachFunction() throws IOException {
    String makefile = Files.readString(SamTemplate.ROOT.resolve("Makefile"));
    for (Map.Entry<String, JsonNode> f :
        template.resources("AWS::Serverless::Function").entrySet()) {
      assertThat(f.getValue().path("Metadata").path("BuildMethod").asText()).isEqualTo("makefile");
      assertThat(makefile).containsPattern("(?m)^[^:#\\n]*\\bbuild-" + f.getKey() + "\\b[^:\\n]*:");
    }
    assertThat(makefile).contains("adapter-lambda/target/touchline-lambda.jar");
  }

  private String sample(String name, JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    String ref = value.path("Ref").asText();
    JsonNode parameter = template.root().path("Parameters").path(ref);
    if (!parameter.isMissingNode()) {
      return parameter.path("Default").asText();
    }
    return switch (template.resource(ref).path("Type").asText()) {
      case "AWS::SQS::Queue" -> "https://sqs.eu-west-1.amazonaws.com/123456789012/" + ref;
      case "AWS::DynamoDB::Table" -> "stack-" + ref;
      default -> throw new AssertionError(name + " refers to " + value);
    };
  }

  private static Map<String, String> pairs(JsonNode list, String key, String value) {
    return StreamSupport.stream(list.spliterator(), false)
        .collect(Collectors.toMap(n -> n.path(key).asText(), n -> n.path(value).asText()));
  }

  private static List<String> keys(JsonNode schema) {
    return StreamSupport.stream(schema.spliterator(), false)
        .map(k -> k.path("AttributeName").asText() + ":" + k.path("KeyType").asText())
        .toList();
  }
}
