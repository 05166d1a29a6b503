package io.steward.cli.demo;

import io.steward.shared.RecordId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs {@code count} creates on a fixed number of threads, each create its own transaction. Workers take the next
 * index from a shared counter, so memory stays flat at a million records; the first failure stops the rest.
 */
final class ParallelCreator implements AutoCloseable {

  private final int threads;
  private final ProgressLine progress;
  private final ExecutorService pool;

  ParallelCreator(int threads, ProgressLine progress) {
    this.threads = threads;
    this.progress = progress;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> DemoDataCommand.daemon(r, "demo-data-" + n.incrementAndGet()));
  }

  /** Creates records 0..count-1 and returns their ids by index. */
  RecordId[] createAll(int count, IntFunction<RecordId> create) throws Exception {
    RecordId[] ids = new RecordId[count];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Future<?>> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        int i;
        while (failure.get() == null && (i = next.getAndIncrement()) < count) {
          try {
            ids[i] = create.apply(i);
            progress.add(1);
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return ids;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
