package io.steward.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit commits an HTTP response must wait for before its first byte leaves. A read's event is queued for the
 * group commit as soon as it is known ({@link AuditTrail#recordBeforeResponse}); the request carries on (rendering
 * the JSON or the page) while the commit runs, and the response waits here before anything is sent. So "committed
 * before the data leaves" still holds, and the commit's wait overlaps the rest of the request.
 *
 * <p>Installed for each request by the audit module's filter ({@code audit/web/ResponseBarrierFilter}), which also
 * makes the response wait (on its first byte, on a flush, an error or a redirect, and at the end of the request).
 * Anything that decides on a response after the chain has run (the monitor's containment check) calls
 * {@link #awaitAll} first, since waiting also tells the audit observers.
 */
public final class ResponseBarrier {

  private static final ThreadLocal<ResponseBarrier> CURRENT = new ThreadLocal<>();
  /** Barriers open in this JVM: the requests being served now. */
  private static final AtomicInteger SERVING = new AtomicInteger();
  /** Told each time a request ends: the audit writer, which may be waiting for it to record. */
  private static final List<Runnable> ENDED = new CopyOnWriteArrayList<>();

  /** A queued commit: waits for it, then tells the observers; throws {@link AuditUnavailableException} if it failed. */
  public interface Wait {
    void await();
  }

  private final List<Wait> waits = new ArrayList<>();
  private boolean open = true;

  /** The barrier of the request this thread serves, if any. */
  public static Optional<ResponseBarrier> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * How many requests this JVM is serving now (barriers open). The audit writer waits for more callers before it
   * appends only while some of these have not queued their events yet.
   */
  public static int serving() {
    return SERVING.get();
  }

  /** Runs the listener (it must be quick and must not block) each time a request ends, until {@link #stopTelling}. */
  public static void whenARequestEnds(Runnable listener) {
    ENDED.add(listener);
  }

  public static void stopTelling(Runnable listener) {
    ENDED.remove(listener);
  }

  /** Installs a barrier for this thread's request; the caller removes it with {@link #close}. */
  public static ResponseBarrier open() {
    ResponseBarrier barrier = new ResponseBarrier();
    SERVING.incrementAndGet();
    CURRENT.set(barrier);
    return barrier;
  }

  /** Removes this thread's barrier (what is still queued must have been awaited through {@link #awaitAll}). */
  public void close() {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    SERVING.decrementAndGet();
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
    ENDED.forEach(Runnable::run);
  }

  /** For the audit writer: a commit this request's response must wait for. */
  public synchronized void add(Wait wait) {
    waits.add(wait);
  }

  /**
   * Waits for every commit queued so far. If one failed, the rest are still waited for and the first failure is
   * thrown: the response must then not carry what those events recorded.
   */
  public void awaitAll() {
    List<Wait> now;
    synchronized (this) {
      if (waits.isEmpty()) {
        return;
      }
      now = List.copyOf(waits);
      waits.clear();
    }
    RuntimeException failed = null;
    for (Wait wait : now) {
      try {
        wait.await();
      } catch (RuntimeException e) {
        failed = failed == null ? e : failed;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
