package io.steward.audit.write;

import io.steward.audit.AuditEvent;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.Checkpoint;
import io.steward.audit.store.ChainStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread of the group commit and the connection it keeps: takes what has queued up, appends it
 * in one transaction, releases the callers. Failures before the commit retry each caller alone.
 */
final class WriterLane implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(WriterLane.class);

  private final LaneThread thread;
  private final BlockingQueue<Pending> queue;
  private final int maxBatch;
  private final long commitWaitNanos;
  private final IntSupplier serving;
  private final DataSource dataSource;
  private final ChainStore store;
  private final Clock clock;
  private final Duration idleCheck;
  private final BooleanSupplier stopping;
  private final AtomicLong commits;
  private final Committed committed;
  private final Consumer<Checkpoint> checkpoints;
  private Connection connection;
  private long lastIdleCheck;
  /** Callers in the batch this lane is gathering (see {@link #gather}), or -1 when it is not gathering. */
  private volatile int gathering = -1;

  WriterLane(String name, BlockingQueue<Pending> queue, int maxBatch, Duration commitWait, IntSupplier serving, DataSource dataSource,
      ChainStore store, Clock clock, Duration idleCheck, BooleanSupplier stopping, AtomicLong commits, Committed committed, Consumer<Checkpoint> checkpoints) {
    this.thread = new LaneThread(this, name);
    thread.setDaemon(true);
    this.queue = queue;
    this.maxBatch = maxBatch;
    this.commitWaitNanos = commitWait.toNanos();
    this.serving = serving;
    this.dataSource = dataSource;
    this.store = store;
    this.clock = clock;
    this.idleCheck = idleCheck;
    this.stopping = stopping;
    this.commits = commits;
    this.committed = committed;
    this.checkpoints = checkpoints;
  }

  /** Called after each commit, on the lane's thread, once its callers are released. */
  interface Committed {
    void accept(List<ChainRow> rows, Optional<Checkpoint> checkpoint);
  }

  static boolean isWriterThread() {
    return Thread.currentThread() instanceof LaneThread;
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  void start() {
    try {
      // Taken before any caller can hold the pool's connections while waiting for an audit commit.
      connection();
    } catch (SQLException e) {
      log.warn("The audit writer has no database connection yet; it will retry on the first event: {}", e.toString());
    }
    thread.start();
  }

  @Override
  public void run() {
    lastIdleCheck = System.nanoTime();
    while (!stopping.getAsBoolean() || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          idle();
          continue;
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int size = gather(batch, drain(batch, first.events().size()));
        commit(batch, size);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.error("Audit writer loop failed; continuing", e);
      }
    }
    closeConnection();
  }

  /**
   * Before appending, waits for more callers while requests are being served that have not joined the batch, for
   * at most the commit wait: under load one commit then carries many reads and they share its fixed cost (a round
   * trip, a WAL flush). A lone request, or a batch that already holds every request being served, commits at once.
   * The lane sleeps through the wait unless it is woken ({@link #nudge}) when the batch may be complete: a caller
   * queued, or a request ended.
   */
  private int gather(List<Pending> batch, int size) {
    long until = System.nanoTime() + commitWaitNanos;
    long left;
    while (size < maxBatch && serving.getAsInt() > batch.size() && (left = until - System.nanoTime()) > 0) {
      // Published before looking at the queue (and at who is served), and callers look at it after queueing (or
      // ending): either this lane sees the change here, or the caller sees what this lane holds and wakes it.
      gathering = batch.size();
      if (queue.isEmpty() && serving.getAsInt() > batch.size()) {
        LockSupport.parkNanos(left);
      }
      gathering = -1;
      size = drain(batch, size);
    }
    return size;
  }

  /**
   * Called when a caller has just queued or a request has ended: wakes this lane if it is gathering and the callers
   * queued now, with those it holds, are every request being served (or fill the batch), so it need not sleep out the
   * commit wait.
   */
  void nudge() {
    int held = gathering;
    if (held < 0) {
      return;
    }
    int queued = queue.size();
    if (held + queued >= serving.getAsInt() || queued >= maxBatch) {
      LockSupport.unpark(thread);
    }
  }

  private int drain(List<Pending> batch, int size) {
    Pending next;
    while (size < maxBatch && (next = queue.poll()) != null) {
      batch.add(next);
      size += next.events().size();
    }
    return size;
  }

  private void commit(List<Pending> batch, int size) {
    List<AuditEvent> events = new ArrayList<>(size);
    batch.forEach(p -> events.addAll(p.events()));
    try {
      ChainStore.Appended appended = inTransaction(c -> store.append(c, events, clock.instant()));
      commits.incrementAndGet(); // before the release, so a caller that returns finds its commit counted
      batch.forEach(p -> p.done().complete(null));
      committed.accept(appended.rows(), appended.checkpoint());
    } catch (CommitUncertain e) {
      log.error("Audit commit failed at the commit itself; {} events may or may not be stored", size, e.getCause());
      batch.forEach(p -> p.done().completeExceptionally(e.getCause()));
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1) {
        log.error("Audit append of {} events failed", size, e);
        batch.get(0).done().completeExceptionally(e);
        return;
      }
      // Nothing of the batch was committed: retry each caller alone, so one bad event fails only its caller
      // and a connection that went stale costs one retry, not the batch.
      for (Pending p : batch) {
        commit(List.of(p), p.events().size());
      }
    }
  }

  private void idle() {
    if (System.nanoTime() - lastIdleCheck < idleCheck.toNanos()) {
      return;
    }
    lastIdleCheck = System.nanoTime();
    try {
      inTransaction(c -> store.checkpointIfDue(c, clock.instant())).ifPresent(checkpoints);
    } catch (SQLException | RuntimeException e) {
      log.warn("Audit checkpoint check failed: {}", e.toString());
    }
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    Connection c = connection();
    T result;
    try {
      result = work.run(c);
    } catch (SQLException | RuntimeException e) {
      // A failed statement may mean a dead connection; a fresh one costs little on this rare path.
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // closing it anyway
      }
      closeConnection();
      throw e;
    }
    try {
      c.commit();
    } catch (SQLException e) {
      closeConnection();
      throw new CommitUncertain(e);
    }
    return result;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      connection = c;
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  private static final class LaneThread extends Thread {
    LaneThread(Runnable lane, String name) {
      super(lane, name);
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static final class CommitUncertain extends RuntimeException {
    CommitUncertain(SQLException cause) {
      super(cause);
    }
  }

}
