package dev.touchline.adapter.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that asks for {@code ReturnConsumedCapacity=INDEXES} on every write and adds up
 * the write units, per table and per index, as DynamoDB reports them. A write refused by its
 * condition reports nothing; it is counted as 1 unit (what DynamoDB charges for an item up to 1
 * KB).
 */
final class CapacityMeter implements InvocationHandler {
  private final DynamoDbClient delegate;
  private final Map<String, Double> units = new TreeMap<>();
  private int transactions;

  private CapacityMeter(DynamoDbClient delegate) {
    this.delegate = delegate;
  }

  static CapacityMeter around(DynamoDbClient delegate) {
    return new CapacityMeter(delegate);
  }

  DynamoDbClient client() {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, this);
  }

  synchronized void reset() {
    units.clear();
    transactions = 0;
  }

  synchronized double total() {
    return units.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  synchronized Map<String, Double> byTarget() {
    return new TreeMap<>(units);
  }

  synchronized int transactions() {
    return transactions;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object arg = args != null && args.length == 1 ? args[0] : null;
    Object request = arg;
    if (arg instanceof PutItemRequest r) {
      request = r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
    } else if (arg instanceof UpdateItemRequest r) {
      request = r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
    } else if (arg instanceof DeleteItemRequest r) {
      request = r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
    } else if (arg instanceof TransactWriteItemsRequest r) {
      request = r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
      synchronized (this) {
        transactions++;
      }
    } else if (method.isDefault()
        && arg != null
        && !method.getParameterTypes()[0].getName().endsWith("Request")) {
      return InvocationHandler.invokeDefault(proxy, method, args); // Consumer<Builder> variants
    }
    Object response;
    try {
      response = method.invoke(delegate, request == arg ? args : new Object[] {request});
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConditionalCheckFailedException) {
        add("table (refused condition)", 1);
      } else if (cause instanceof TransactionCanceledException t) {
        add("table (cancelled transaction)", 2.0 * t.cancellationReasons().size());
      }
      throw cause;
    }
    if (response instanceof PutItemResponse r) {
      record(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      record(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      record(r.consumedCapacity());
    } else if (response instanceof TransactWriteItemsResponse r) {
      r.consumedCapacity().forEach(this::record);
    }
    return response;
  }

  private void record(ConsumedCapacity c) {
    if (c == null) {
      return;
    }
    double indexes = 0;
    if (c.globalSecondaryIndexes() != null) {
      for (var e : c.globalSecondaryIndexes().entrySet()) {
        double units = units(e.getValue().writeCapacityUnits(), e.getValue().capacityUnits());
        indexes += units;
        add("index " + e.getKey(), units);
      }
    }
    double table =
        c.table() != null
            ? units(c.table().writeCapacityUnits(), c.table().capacityUnits())
            : units(c.writeCapacityUnits(), c.capacityUnits()) - indexes;
    add("table", table);
  }

  private static double units(Double write, Double any) {
    return write != null ? write : any == null ? 0 : any;
  }

  private synchronized void add(String target, double value) {
    units.merge(target, value, Double::sum);
  }
}
