package io.steward.cli.demo;

import io.steward.access.Principal;
import io.steward.records.RecordService;
import io.steward.shared.RecordId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Creates records through {@link RecordService#createAll} on a fixed number of threads, one transaction per batch.
 * Workers take the next batch from a shared counter, so memory stays flat at a million records; the first failure
 * stops the rest.
 */
final class ParallelCreator implements AutoCloseable {

  private final RecordService records;
  private final Principal principal;
  private final int threads;
  private final int batchSize;
  private final ProgressLine progress;
  private final ExecutorService pool;

  ParallelCreator(RecordService records, Principal principal, int threads, int batchSize, ProgressLine progress) {
    this.records = records;
    this.principal = principal;
    this.threads = threads;
    this.batchSize = batchSize;
    this.progress = progress;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> DemoDataCommand.daemon(r, "demo-data-" + n.incrementAndGet()));
  }

  /** Creates records 0..count-1 of a type from their inputs and returns their ids by index. */
  RecordId[] createAll(String type, int count, IntFunction<Map<String, Object>> input) throws Exception {
    RecordId[] ids = new RecordId[count];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Future<?>> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        int from;
        while (failure.get() == null && (from = next.getAndAdd(batchSize)) < count) {
          int to = Math.min(count, from + batchSize);
          try {
            List<Map<String, Object>> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
              batch.add(input.apply(i));
            }
            List<RecordId> created = records.createAll(principal, type, batch);
            for (int i = from; i < to; i++) {
              ids[i] = created.get(i - from);
            }
            progress.add(to - from);
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
