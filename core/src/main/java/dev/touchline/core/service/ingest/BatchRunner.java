package dev.touchline.core.service.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
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
   * Starts {@code task} on a helper when one is free, so independent reads of one event overlap;
   * {@link #join} runs it on the caller when no helper has started it, so waiting never depends on
   * a busy executor. With one worker everything runs on the caller, in order.
   */
  <T> FutureTask<T> fork(Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    if (concurrency > 1) {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException closed) {
        // joined on the caller
      }
    }
    return task;
  }

  /** The result of a forked task: run here if no helper took it, else awaited. */
  static <T> T join(FutureTask<T> task) {
    task.run(); // does nothing when a helper has started or finished it
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs independent tasks at once (the first on the caller, the others forked) and returns their
   * results in order once all have finished; the first failure is thrown after every task is done,
   * so nothing is left running behind the caller.
   */
  <T> List<T> all(List<Callable<T>> work) {
    List<FutureTask<T>> tasks = new ArrayList<>(work.size());
    for (int i = 0; i < work.size(); i++) {
      tasks.add(i == 0 ? new FutureTask<>(work.get(0)) : fork(work.get(i)));
    }
    List<T> results = new ArrayList<>(tasks.size());
    RuntimeException failure = null;
    for (FutureTask<T> task : tasks) {
      try {
        results.add(join(task));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
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
