package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer's commit wait (steward.audit.commit-wait): it waits for more callers only while other requests are
 * being served, and never longer than the wait. Requests are simulated by opening {@link ResponseBarrier}s, as the
 * audit filter does for each HTTP request.
 */
class GroupCommitWaitTest {

  private static final Duration WAIT = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLoneRequestIsNotHeldForTheCommitWait(Kind kind) throws Exception {
    try (AuditFixture f = fixture(kind, WAIT)) {
      long started = System.nanoTime();
      inRequest(() -> {
        for (int i = 0; i < 5; i++) {
          f.trail().record(AuditFixture.read("u-1", "r-" + i));
        }
      });

      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("five reads, each alone, none held for the 1 s wait")
          .isLessThan(WAIT.multipliedBy(5).dividedBy(2));
      assertThat(f.count("audit_event")).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void requestsBeingServedTogetherShareOneCommitWithoutSleepingOutTheWait(Kind kind) throws Exception {
    try (AuditFixture f = fixture(kind, WAIT)) {
      long before = f.audit.commits();
      long started = System.nanoTime();
      int requests = 3;
      CyclicBarrier allServed = new CyclicBarrier(requests);
      ExecutorService pool = Executors.newFixedThreadPool(requests);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < requests; t++) {
          String actor = "u-" + t;
          done.add(pool.submit(() -> {
            inRequest(() -> {
              allServed.await();
              f.trail().record(AuditFixture.read(actor, "r-1"));
            });
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        pool.shutdown();
      }

      assertThat(f.audit.commits() - before).as("the first caller's commit waited for the two others being served").isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the last one to queue woke the writer").isLessThan(WAIT.dividedBy(2));
      assertThat(f.count("audit_event")).isEqualTo(3);
      assertThat(f.verify().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRequestThatNeverRecordsHoldsACommitForTheWaitAtMost(Kind kind) throws Exception {
    Duration wait = Duration.ofMillis(300);
    try (AuditFixture f = fixture(kind, wait)) {
      ResponseBarrier slowRequest = openElsewhere();
      try {
        long started = System.nanoTime();
        inRequest(() -> f.trail().record(AuditFixture.read("u-1", "r-1")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("waited for the other request to join").isGreaterThanOrEqualTo(wait.minusMillis(50));
        assertThat(took).as("but not beyond the commit wait").isLessThan(Duration.ofSeconds(10));
        assertThat(f.count("audit_event")).isEqualTo(1);
      } finally {
        slowRequest.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRequestEndingWithoutRecordingReleasesTheCommitWaitingForIt(Kind kind) throws Exception {
    try (AuditFixture f = fixture(kind, WAIT)) {
      ResponseBarrier otherRequest = openElsewhere();
      ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
      try {
        later.schedule(otherRequest::close, 100, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        inRequest(() -> f.trail().record(AuditFixture.read("u-1", "r-1")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("committed when the other request ended, not after the 1 s wait").isLessThan(WAIT.dividedBy(2));
        assertThat(f.count("audit_event")).isEqualTo(1);
      } finally {
        later.shutdownNow();
        otherRequest.close();
      }
    }
  }

  private AuditFixture fixture(Kind kind, Duration commitWait) {
    return AuditFixture.on(kind, dir, AuditFixture.properties(dir).withCommitWait(commitWait), Clock.systemUTC());
  }

  private interface Work {
    void run() throws Exception;
  }

  /** Runs the work as the audit filter runs a request: with a barrier open on this thread. */
  private static void inRequest(Work work) throws Exception {
    ResponseBarrier barrier = ResponseBarrier.open();
    try {
      work.run();
      barrier.awaitAll();
    } finally {
      barrier.close();
    }
  }

  /** A request being served on another thread that records nothing while the test runs. */
  private static ResponseBarrier openElsewhere() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      return other.submit(ResponseBarrier::open).get();
    } finally {
      other.shutdown();
    }
  }
}
