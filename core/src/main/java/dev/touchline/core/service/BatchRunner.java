package dev.touchline.core.service;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Works the groups of a batch: each group's items one after another in batch order, different
 * groups at once, at most {@code concurrency} at a time. The calling thread works too, so a batch
 * always progresses even when the executor is busy with other batches (a helper that starts late
 * finds no group left and returns at once); the call returns when every group is done.
 */
public final class BatchRunner {
  /** A runner that works every group on the calling thread, in order. */
  public static final BatchRunner SEQUENTIAL = new BatchRunner(1, Runnable::run);

  private final int concurrency;
  private final Executor executor;

  /**
   * @param concurrency the most groups worked at once (1: strictly one item after another)
   * @param executor where the helpers run ({@code concurrency - 1} of them at most per batch)
   */
  public BatchRunner(int concurrency, Executor executor) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    this.concurrency = concurrency;
    this.executor = executor;
  }

  public int concurrency() {
    return concurrency;
  }

  /**
   * Calls {@code item} for every index of every group: in order within a group, groups in order
   * when there is one worker.
   *
   * @throws RuntimeException the first failure of any group, once every group has finished
   */
  public void run(List<int[]> groups, IntConsumer item) {
    if (concurrency == 1 || groups.size() <= 1) {
      for (int[] group : groups) {
        for (int i : group) {
          item.accept(i);
        }
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(groups.size());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          int g;
          while ((g = next.getAndIncrement()) < groups.size()) {
            try {
              for (int i : groups.get(g)) {
                item.accept(i);
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              done.countDown();
            }
          }
        };
    int helpers = Math.min(concurrency, groups.size()) - 1;
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException closed) {
        break; // the calling thread works the rest
      }
    }
    worker.run();
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the groups in flight must finish: their effects are being written
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }
}
