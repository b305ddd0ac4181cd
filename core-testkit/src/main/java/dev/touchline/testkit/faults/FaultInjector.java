package dev.touchline.testkit.faults;

import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.StorageRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps any storage port (or the trigger sink) so that a share of its calls fail as a store fails:
 * before the call reaches it, after it has done its work (the caller never learns it did), after a
 * stall past the caller's patience, or throttled. One decorator serves every port: a dynamic proxy
 * over the port's interface, default methods included. Seeded, so a run can be repeated.
 */
public final class FaultInjector {

  /** How a call fails. */
  public enum Kind {
    /** Refused before the store did anything ({@link StorageRefusedException}): nothing written. */
    BEFORE,
    /** Done by the store, then the answer lost: written, reported failed. */
    AFTER,
    /** Done, then a stall, then a timeout: written, reported failed, late. */
    TIMEOUT,
    /** Refused by the store's throttling ({@link StorageRefusedException}): nothing written. */
    THROTTLED
  }

  private final Random random;
  private final double rate;
  private final Map<Kind, AtomicInteger> injected = new EnumMap<>(Kind.class);
  private volatile boolean enabled = true;
  private volatile int budget = Integer.MAX_VALUE;

  /**
   * @param rate the share of calls that fail, 0 to 1
   * @param seed the random sequence's seed
   */
  public FaultInjector(double rate, long seed) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must lie between 0 and 1: " + rate);
    }
    this.rate = rate;
    this.random = new Random(seed);
    for (Kind k : Kind.values()) {
      injected.put(k, new AtomicInteger());
    }
  }

  /** Injects at most {@code faults} more faults, then none. */
  public FaultInjector atMost(int faults) {
    this.budget = faults;
    return this;
  }

  /** Stops (or resumes) injecting, e.g. to read the final state. */
  public void enabled(boolean value) {
    this.enabled = value;
  }

  /** How many faults of each kind were injected so far. */
  public Map<Kind, Integer> injected() {
    Map<Kind, Integer> out = new EnumMap<>(Kind.class);
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** All faults injected so far. */
  public int total() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The port {@code delegate} with faults injected into its calls. */
  public <T> T wrap(Class<T> port, T delegate) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return call(method, delegate, args);
          }
          Kind fault = roll(Kind.values());
          if (fault == Kind.BEFORE) {
            throw new StorageRefusedException(
                "injected: " + port.getSimpleName() + "." + method.getName() + " failed");
          }
          if (fault == Kind.THROTTLED) {
            throw new StorageRefusedException(
                "injected: " + port.getSimpleName() + "." + method.getName() + " throttled");
          }
          Object result = call(method, delegate, args);
          if (fault == Kind.AFTER) {
            throw new StorageException(
                "injected: the answer of "
                    + port.getSimpleName()
                    + "."
                    + method.getName()
                    + " was lost");
          }
          if (fault == Kind.TIMEOUT) {
            Thread.sleep(2);
            throw new StorageException(
                "injected: " + port.getSimpleName() + "." + method.getName() + " timed out");
          }
          return result;
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  /** Whether this call fails, and how: null for most calls, else one of {@code among} (counted). */
  Kind roll(Kind[] among) {
    if (!enabled) {
      return null;
    }
    Kind kind;
    synchronized (random) {
      if (budget <= 0 || random.nextDouble() >= rate) {
        return null;
      }
      budget--;
      kind = among[random.nextInt(among.length)];
    }
    injected.get(kind).incrementAndGet();
    return kind;
  }

  private static Object call(Method method, Object delegate, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
