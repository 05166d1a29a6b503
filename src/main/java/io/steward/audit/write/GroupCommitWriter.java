package io.steward.audit.write;

import io.steward.audit.AuditEvent;
import io.steward.audit.AuditObserver;
import io.steward.audit.AuditTrail;
import io.steward.audit.AuditUnavailableException;
import io.steward.audit.ResponseBarrier;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.Checkpoint;
import io.steward.audit.chain.CheckpointFile;
import io.steward.audit.store.ChainStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue their events and wait; a writer thread takes whatever has queued up (up to
 * {@code maxBatch} events), appends it in one transaction and then releases every caller in it. Under load
 * a transaction carries many callers' events, so throughput grows with concurrency while each call still
 * returns only after its events are committed. While other requests are still being served, the writer waits up to
 * the commit wait for them to join before it appends (see {@link WriterLane}).
 *
 * <p>There may be several writer threads ("lanes"). They serialise on the chain head's row lock exactly as
 * several nodes do, so the chain stays one; what they gain is overlap: one lane forms its next batch and
 * releases its callers while another holds the lock. Each lane keeps one connection of its own, apart from
 * any caller's transaction: a caller may record from inside its own transaction, and callers that hold every
 * other pooled connection cannot starve it.
 */
public final class GroupCommitWriter implements AuditTrail, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final DataSource dataSource;
  private final ChainStore store;
  private final CheckpointFile checkpointFile;
  private final Clock clock;
  private final BlockingQueue<Pending> queue;
  private final int lanes;
  private final int maxBatch;
  private final Duration commitWait;
  private final Duration enqueueTimeout;
  private final Duration commitTimeout;
  private final Duration idleCheck;
  private final List<Consumer<List<ChainRow>>> afterCommit = new ArrayList<>();
  private final AtomicLong commits = new AtomicLong();
  private final List<AuditObserver> observers = new CopyOnWriteArrayList<>();
  /** The lanes; read without a lock by callers that nudge them. */
  private final List<WriterLane> running = new CopyOnWriteArrayList<>();
  /** Wakes a lane gathering a batch if the batch may now be complete (an event queued, or a request ended). */
  private final Runnable nudgeLanes = () -> running.forEach(WriterLane::nudge);

  private volatile boolean accepting;
  private volatile boolean stopping;

  public GroupCommitWriter(DataSource dataSource, ChainStore store, CheckpointFile checkpointFile, Clock clock, int lanes,
      int queueCapacity, int maxBatch, Duration enqueueTimeout, Duration commitTimeout, Duration commitWait, Duration checkpointInterval) {
    this.dataSource = dataSource;
    this.store = store;
    this.checkpointFile = checkpointFile;
    this.clock = clock;
    this.lanes = Math.max(1, lanes);
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.maxBatch = maxBatch;
    this.commitWait = commitWait;
    this.enqueueTimeout = enqueueTimeout;
    this.commitTimeout = commitTimeout;
    Duration half = checkpointInterval.dividedBy(2);
    this.idleCheck = half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
  }

  /** Called on a writer thread after each commit, with the rows in chain order; must not block. */
  public synchronized void afterCommit(Consumer<List<ChainRow>> listener) {
    afterCommit.add(listener);
  }

  /** Called in the recording thread once its events are committed (see {@link AuditObserver}). */
  public void observe(AuditObserver observer) {
    observers.add(observer);
  }

  public synchronized void start() {
    if (!running.isEmpty()) {
      return;
    }
    stopping = false;
    for (int i = 0; i < lanes; i++) {
      WriterLane lane = new WriterLane("audit-writer-" + (i + 1), queue, maxBatch, commitWait, ResponseBarrier::serving, dataSource, store, clock, idleCheck,
          () -> stopping, commits, this::committed, this::toFile);
      running.add(lane);
      lane.start();
    }
    ResponseBarrier.whenARequestEnds(nudgeLanes);
    accepting = true;
  }

  /**
   * Transactions committed with events: fewer than calls when group commit is at work. A commit is counted before its
   * callers are released, so once a call returns its commit is in the count.
   */
  public long commits() {
    return commits.get();
  }

  public boolean isRunning() {
    return accepting;
  }

  /** Stops taking events, commits everything already queued, then stops the threads. */
  @Override
  public void close() {
    List<WriterLane> lanesToStop;
    synchronized (this) {
      accepting = false;
      stopping = true;
      lanesToStop = List.copyOf(running);
      running.clear();
    }
    ResponseBarrier.stopTelling(nudgeLanes);
    long deadline = System.nanoTime() + commitTimeout.toNanos();
    for (WriterLane lane : lanesToStop) {
      try {
        lane.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new AuditUnavailableException("The audit writer stopped before these events were committed"));
    }
  }

  @Override
  public void record(AuditEvent event) {
    recordAll(List.of(event));
  }

  @Override
  public void recordAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<AuditEvent> checked = events.stream().map(EventLimits::checked).toList();
    await(enqueue(checked), checked);
  }

  @Override
  public void recordBeforeResponse(AuditEvent event) {
    Optional<ResponseBarrier> barrier = ResponseBarrier.current();
    if (barrier.isEmpty()) {
      record(event);
      return;
    }
    List<AuditEvent> checked = List.of(EventLimits.checked(event));
    Pending pending = enqueue(checked);
    barrier.get().add(() -> await(pending, checked));
  }

  private Pending enqueue(List<AuditEvent> checked) {
    if (WriterLane.isWriterThread()) {
      throw new IllegalStateException("An after-commit listener must not record audit events: it would wait for itself");
    }
    Pending pending = new Pending(checked, new CompletableFuture<>());
    if (!accepting) {
      throw new AuditUnavailableException("The audit writer is not running");
    }
    try {
      if (!queue.offer(pending, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AuditUnavailableException("The audit queue stayed full for " + enqueueTimeout + "; the database is too slow or down");
      }
      nudgeLanes.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("Interrupted while queueing audit events", e);
    }
    return pending;
  }

  /** Waits for a queued append's commit, then tells the observers, in the thread that waits. */
  private void await(Pending pending, List<AuditEvent> checked) {
    try {
      pending.done().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("Interrupted while waiting for the audit commit", e);
    } catch (TimeoutException e) {
      throw new AuditUnavailableException("The audit commit did not finish within " + commitTimeout, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuditUnavailableException a) {
        throw new AuditUnavailableException(a.getMessage(), a);
      }
      // The database's message is not passed on: it is no business of the caller's caller.
      throw new AuditUnavailableException("The audit events could not be committed", cause);
    }
    tellObservers(checked);
  }

  /** The events are committed: nothing an observer does can lose them, and nothing it throws reaches the caller. */
  private void tellObservers(List<AuditEvent> events) {
    for (AuditObserver observer : observers) {
      try {
        observer.committed(events);
      } catch (RuntimeException | StackOverflowError e) {
        log.warn("Audit observer {} failed: {}", observer.getClass().getName(), e.toString());
      }
    }
  }

  /** Signs and writes a checkpoint at the head now if there are events since the last one (retention, tests). */
  public Optional<Checkpoint> checkpointNow() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Checkpoint> cp = store.checkpointNow(c, clock.instant());
        c.commit();
        cp.ifPresent(this::toFile);
        return cp;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new AuditUnavailableException("Cannot write an audit checkpoint", e);
    }
  }

  private void committed(List<ChainRow> rows, Optional<Checkpoint> checkpoint) {
    checkpoint.ifPresent(this::toFile);
    List<Consumer<List<ChainRow>>> listeners;
    synchronized (this) {
      listeners = List.copyOf(afterCommit);
    }
    for (Consumer<List<ChainRow>> listener : listeners) {
      try {
        listener.accept(rows);
      } catch (RuntimeException e) {
        log.warn("Audit after-commit listener failed: {}", e.toString());
      }
    }
  }

  private void toFile(Checkpoint checkpoint) {
    try {
      checkpointFile.append(checkpoint);
    } catch (RuntimeException e) {
      log.error("Audit checkpoint {} is in the database but could not be written to {}", checkpoint.seq(), checkpointFile.path(), e);
    }
  }

}
