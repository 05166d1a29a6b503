package io.steward.access.mail;

import io.steward.access.Mailer.Email;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * A bounded queue of emails and one background thread that delivers them, retrying with backoff (1×, 2×, 4×, …
 * the first wait). Offering never blocks: a full queue drops the email. Every outcome is audited
 * ({@code notification.sent}, success or failure) and every failure logged, by kind, ids and counts only: the
 * body, subject and addresses stay out of both. The thread starts with the first email. At shutdown what is queued
 * gets a short grace period; what is still unsent after it is audited as not sent ({@link #close(Duration)}).
 */
public final class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Delivers one email now, on the caller's thread. */
  @FunctionalInterface
  public interface Transport {
    void deliver(Email email) throws Exception;
  }

  private final Transport transport;
  private final AuditTrail audit;
  private final Clock clock;
  private final int retries;
  private final Duration firstBackoff;
  private final BlockingQueue<Email> queue;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
  private volatile Email inFlight;
  private Thread worker;
  private volatile boolean closed;

  public Outbox(Transport transport, AuditTrail audit, Clock clock, int capacity, int retries, Duration firstBackoff) {
    this.transport = transport;
    this.audit = audit;
    this.clock = clock;
    this.retries = Math.max(0, retries);
    this.firstBackoff = firstBackoff;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
  }

  /** Queues the email for delivery; false (logged and audited as a failure) if the queue is full or closed. */
  public boolean offer(Email email) {
    boolean queued;
    synchronized (this) { // with close(): an email is either queued before the outbox closes or refused after
      startWorker();
      queued = !closed && queue.offer(email);
    }
    if (queued) {
      return true;
    }
    log.warn("Email '{}' about {} {} dropped: the outbox is {}", email.kind(), email.objectType(), email.ids(), closed ? "closed" : "full");
    failed(email, 0, closed ? "closed" : "queue-full");
    return false;
  }

  /** Emails waiting or being sent. */
  public int queued() {
    return queue.size() + (inFlight == null ? 0 : 1);
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  public Instant lastFailureAt() {
    return lastFailure.get();
  }

  /**
   * Stops taking emails and gives the sender up to {@code grace} to deliver what is already queued. Then it stops the
   * sender; every email left unsent (a retry that was waiting included) is logged and audited as a failure with the
   * problem {@code shutdown}, so the trail shows which notices went out in-app only.
   */
  public void close(Duration grace) {
    Thread sender;
    synchronized (this) {
      closed = true;
      sender = worker;
    }
    if (sender != null) {
      long deadline = System.nanoTime() + grace.toNanos();
      try {
        while (queued() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        sender.interrupt();
        sender.join(1000);
      } catch (InterruptedException e) {
        sender.interrupt();
        Thread.currentThread().interrupt();
      }
    }
    List<Email> left = new ArrayList<>();
    queue.drainTo(left);
    for (Email email : left) {
      notSentAtShutdown(email);
    }
    if (inFlight != null) {
      log.warn("Email '{}' about {} {} was still being sent at shutdown", inFlight.kind(), inFlight.objectType(), inFlight.ids());
    }
  }

  private void notSentAtShutdown(Email email) {
    log.warn("Email '{}' about {} {} not sent: Steward stopped first; the in-app notice stands", email.kind(), email.objectType(), email.ids());
    failed(email, 0, "shutdown");
  }

  private synchronized void startWorker() {
    if (worker == null && !closed) {
      worker = new Thread(this::run, "mail-outbox");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      Email email;
      try {
        email = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      inFlight = email;
      try {
        deliver(email);
      } catch (InterruptedException e) {
        notSentAtShutdown(email); // stopped while waiting to retry, or in a transport that answers interrupts
        return;
      } finally {
        inFlight = null;
      }
    }
  }

  /** Tries once and then {@code retries} more times; a message that cannot be built or addressed is not retried. */
  private void deliver(Email email) throws InterruptedException {
    long backoff = firstBackoff.toMillis();
    String problem = "unknown";
    for (int attempt = 1; attempt <= retries + 1; attempt++) {
      try {
        transport.deliver(email);
        record(email, attempt, "success", null);
        sent.incrementAndGet();
        return;
      } catch (InterruptedException e) {
        throw e;
      } catch (MailParseException | MailPreparationException e) {
        log.warn("Email '{}' about {} {} cannot be sent ({}): not retried", email.kind(), email.objectType(), email.ids(), e.getClass().getSimpleName());
        failed(email, attempt, "refused");
        return;
      } catch (Exception e) {
        problem = e.getClass().getSimpleName();
        log.warn("Email '{}' about {} {} not sent (attempt {} of {}): {}", email.kind(), email.objectType(), email.ids(), attempt, retries + 1, problem);
      }
      if (attempt <= retries) {
        Thread.sleep(backoff);
        backoff *= 2;
      }
    }
    log.error("Email '{}' about {} {} given up after {} attempts ({}); the in-app notice stands", email.kind(), email.objectType(), email.ids(),
        retries + 1, problem);
    failed(email, retries + 1, "unreachable");
  }

  private void failed(Email email, int attempts, String reason) {
    lastFailure.set(clock.instant());
    record(email, attempts, "failure", reason);
    failed.incrementAndGet();
  }

  private void record(Email email, int attempts, String outcome, String reason) {
    Map<String, String> details = new java.util.LinkedHashMap<>();
    details.put("channel", "email");
    details.put("kind", email.kind());
    details.put("recipients", Integer.toString(email.to().size()));
    details.put("attempts", Integer.toString(attempts));
    if (reason != null) {
      details.put("problem", reason);
    }
    try {
      audit.record(new AuditEvent(clock.instant(), AuditActions.NOTIFICATION_SENT, "system", email.objectType(), email.ids(), List.of(), null,
          outcome, null, null, null, details));
    } catch (RuntimeException e) {
      log.warn("Audit of email '{}' about {} {} failed: {}", email.kind(), email.objectType(), email.ids(), e.getClass().getSimpleName());
    }
  }
}
