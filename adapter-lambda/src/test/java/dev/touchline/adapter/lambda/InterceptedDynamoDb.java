package dev.touchline.adapter.lambda;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client that shows every request to a hook before sending it: the hook records it, or
 * throws to make the call fail as the service would (nothing is sent then).
 */
final class InterceptedDynamoDb {
  private InterceptedDynamoDb() {}

  static DynamoDbClient wrap(DynamoDbClient client, Consumer<SdkRequest> hook) {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, args) -> {
              if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
                hook.accept(request);
              }
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
