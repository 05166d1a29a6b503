package io.steward.access.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Mailer.Email;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.testsupport.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/** The background sender: retries, gives up, drops when full, never makes the caller wait; audits every outcome without the body. */
class OutboxTest {

  static final String BODY = "Secret body text that must not reach the audit trail";
  static final String ADDRESS = "reviewer@staff.example.test";

  final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
  final AuditTrail audit = new AuditTrail() {
    @Override
    public void record(AuditEvent event) {
      audited.add(event);
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
      audited.addAll(events);
    }
  };
  Outbox outbox;

  @AfterEach
  void close() {
    if (outbox != null) {
      outbox.close(Duration.ZERO);
    }
  }

  static Email email(String id) {
    return new Email(List.of(ADDRESS), "Subject " + id, BODY, "security", "incident", List.of(id));
  }

  @Test
  void aFailedAttemptIsRetriedAndTheDeliveryIsAuditedOnce() {
    AtomicInteger attempts = new AtomicInteger();
    outbox = new Outbox(e -> {
      if (attempts.incrementAndGet() < 3) {
        throw new MailSendException("connection refused");
      }
    }, audit, Clock.systemUTC(), 10, 3, Duration.ofMillis(10));

    assertThat(outbox.offer(email("i-1"))).isTrue();

    await(() -> outbox.sent() == 1);
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(outbox.failed()).isZero();
    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("notification.sent");
      assertThat(e.outcome()).isEqualTo("success");
      assertThat(e.actorId()).isEqualTo("system");
      assertThat(e.objectType()).isEqualTo("incident");
      assertThat(e.recordIds()).containsExactly("i-1");
      assertThat(e.details()).containsEntry("channel", "email").containsEntry("kind", "security").containsEntry("recipients", "1")
          .containsEntry("attempts", "3");
    });
  }

  @Test
  void anEmailThatNeverGoesThroughIsGivenUpAndAuditedAsAFailureWithoutBodyOrAddress() {
    AtomicInteger attempts = new AtomicInteger();
    outbox = new Outbox(e -> {
      attempts.incrementAndGet();
      throw new MailSendException("451 try later for " + ADDRESS);
    }, audit, Clock.systemUTC(), 10, 2, Duration.ofMillis(10));

    outbox.offer(email("i-2"));

    await(() -> outbox.failed() == 1);
    assertThat(attempts.get()).as("the first try and two retries").isEqualTo(3);
    assertThat(outbox.sent()).isZero();
    assertThat(outbox.lastFailureAt()).isNotNull();
    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo("failure");
      assertThat(e.details()).containsEntry("problem", "unreachable").containsEntry("attempts", "3");
      assertThat(e.toString()).doesNotContain(BODY).doesNotContain(ADDRESS).doesNotContain("Subject");
    });
  }

  @Test
  void anEmailThatCannotBeBuiltIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    outbox = new Outbox(e -> {
      attempts.incrementAndGet();
      throw new MailPreparationException("bad address");
    }, audit, Clock.systemUTC(), 10, 3, Duration.ofMillis(10));

    outbox.offer(email("i-3"));

    await(() -> outbox.failed() == 1);
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(audited).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("problem", "refused"));
  }

  @Test
  void offeringNeverWaitsForAHangingServerAndAFullQueueDropsTheRest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    outbox = new Outbox(e -> {
      started.countDown();
      release.await();
    }, audit, Clock.systemUTC(), 2, 0, Duration.ofMillis(10));

    long t0 = System.nanoTime();
    assertThat(outbox.offer(email("a"))).isTrue();
    assertThat(started.await(5, TimeUnit.SECONDS)).as("the sender took the first email").isTrue();
    assertThat(outbox.offer(email("b"))).isTrue();
    assertThat(outbox.offer(email("c"))).isTrue();
    assertThat(outbox.offer(email("d"))).as("queue of 2 full while the server hangs").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(outbox.queued()).isEqualTo(3);
    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.recordIds()).containsExactly("d");
      assertThat(e.outcome()).isEqualTo("failure");
      assertThat(e.details()).containsEntry("problem", "queue-full");
    });

    release.countDown();
    await(() -> outbox.sent() == 3);
  }

  @Test
  void closingGivesQueuedEmailsTheGracePeriodToGoOut() {
    outbox = new Outbox(e -> Thread.sleep(50), audit, Clock.systemUTC(), 10, 0, Duration.ofMillis(10));
    for (int i = 1; i <= 3; i++) {
      outbox.offer(email("g-" + i));
    }

    outbox.close(Duration.ofSeconds(5));

    assertThat(outbox.sent()).isEqualTo(3);
    assertThat(outbox.failed()).isZero();
    assertThat(outbox.offer(email("late"))).as("a closed outbox takes nothing more").isFalse();
  }

  @Test
  void emailsStillUnsentWhenTheGraceRunsOutAreAuditedAsNotSent() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    outbox = new Outbox(e -> {
      started.countDown();
      new CountDownLatch(1).await(); // a server that never answers
    }, audit, Clock.systemUTC(), 10, 0, Duration.ofMillis(10));
    outbox.offer(email("s-1"));
    assertThat(started.await(5, TimeUnit.SECONDS)).as("the sender took the first email").isTrue();
    outbox.offer(email("s-2"));
    outbox.offer(email("s-3"));

    outbox.close(Duration.ofMillis(100));

    assertThat(outbox.failed()).isEqualTo(3);
    assertThat(outbox.queued()).isZero();
    assertThat(audited).hasSize(3).allSatisfy(e -> {
      assertThat(e.outcome()).isEqualTo("failure");
      assertThat(e.details()).containsEntry("problem", "shutdown");
    });
    assertThat(audited).flatExtracting(AuditEvent::recordIds).containsExactlyInAnyOrder("s-1", "s-2", "s-3");
  }

  @Test
  void closingDuringTheWaitBeforeARetryAuditsThatEmailAsNotSent() throws Exception {
    CountDownLatch failedOnce = new CountDownLatch(1);
    outbox = new Outbox(e -> {
      failedOnce.countDown();
      throw new MailSendException("connection refused");
    }, audit, Clock.systemUTC(), 10, 3, Duration.ofSeconds(30));
    outbox.offer(email("r-1"));
    assertThat(failedOnce.await(5, TimeUnit.SECONDS)).isTrue();

    outbox.close(Duration.ofMillis(100));

    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.recordIds()).containsExactly("r-1");
      assertThat(e.details()).containsEntry("problem", "shutdown");
    });
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    Eventually.until(condition, Duration.ofSeconds(5), "the outbox did not get there");
  }
}
