package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class AuditTrailTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recordedEventsAreCommittedAndChained(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      f.append(25);

      assertThat(f.count("audit_event")).isEqualTo(25);
      assertThat(f.sql.sql("select seq from audit_event order by seq").query(Long.class).list()).isEqualTo(seqs(1, 25));
      assertThat(f.sql.sql("select seq from audit_checkpoint order by seq").query(Long.class).list()).containsExactly(10L, 20L);
      VerificationReport report = f.verify();
      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(25);
      assertThat(report.checkpointsInFile()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void eventComesBackAsRecorded(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      Instant at = Instant.parse("2026-11-29T02:10:00.123456789Z");
      AuditEvent event = new AuditEvent(at, AuditActions.RECORD_REVEAL, "u-1", "contact", List.of("r-1", "r-2", "r-1"), List.of("birthDate"),
          "said \"please\"\n", "success", "2001:db8::1", "Mozilla/5.0 ünïcode", "req-9", Map.of("b", "2", "a", "1,\"x\""));

      f.trail().record(event);

      StoredAuditEvent stored = f.audit.queries().find(AuditFilter.all(), 0, 10).items().get(0);
      assertThat(stored.seq()).isEqualTo(1);
      assertThat(stored.event()).isEqualTo(new AuditEvent(at.truncatedTo(ChronoUnit.MICROS), event.action(), event.actorId(), event.objectType(),
          event.recordIds(), event.fields(), event.reason(), event.outcome(), event.ip(), event.userAgent(), event.requestId(), event.details()));
      assertThat(stored.prevHash()).isEqualTo("0".repeat(64));
      assertThat(f.verify().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentAppendersFormOneChainWithoutGaps(Kind kind) throws Exception {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      runConcurrently(f.trail(), 8, 500, "t");

      assertThat(f.sql.sql("select seq from audit_event order by seq").query(Long.class).list()).isEqualTo(seqs(1, 4000));
      VerificationReport report = f.verify();
      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(4000);
      assertThat(f.audit.commits()).as("group commit puts several callers in one transaction").isLessThan(4000);
    }
  }

  @Test
  void twoNodesAppendingToOnePostgresFormOneChain() throws Exception {
    try (AuditFixture node1 = AuditFixture.on(Kind.POSTGRES, dir)) {
      try (AuditFixture node2 = node1.secondNode(TestDatabases.dataSource(urlOf(node1)))) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> a = pool.submit(() -> runConcurrently(node1.trail(), 4, 500, "n1"));
        Future<?> b = pool.submit(() -> runConcurrently(node2.trail(), 4, 500, "n2"));
        a.get();
        b.get();
        pool.shutdown();

        assertThat(node1.sql.sql("select seq from audit_event order by seq").query(Long.class).list()).isEqualTo(seqs(1, 4000));
        assertThat(node1.sql.sql("select count(*) from audit_event where actor_id like 'n2%'").query(Long.class).single()).isEqualTo(2000);
        VerificationReport report = node2.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
      }
    }
  }

  /** Each node appends in one statement after the head it left; when the other node moved it, it takes the locking path. */
  @Test
  void nodesTakingTurnsKeepOneChainAndEveryRecordIndexEntry() throws Exception {
    try (AuditFixture node1 = AuditFixture.on(Kind.POSTGRES, dir)) {
      try (AuditFixture node2 = node1.secondNode(TestDatabases.dataSource(urlOf(node1)))) {
        for (int i = 0; i < 30; i++) {
          AuditFixture node = i % 5 < 3 ? node1 : node2;
          node.trail().record(AuditFixture.read("u-" + i, "r-" + i));
        }

        assertThat(node1.sql.sql("select seq from audit_event order by seq").query(Long.class).list()).isEqualTo(seqs(1, 30));
        for (int i = 0; i < 30; i++) {
          assertThat(node2.audit.queries().find(AuditFilter.all().record("r-" + i), 0, 10).items()).as("r-" + i).hasSize(1);
        }
        VerificationReport report = node2.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recordingInsideACallersTransactionCommitsOnItsOwn(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(f.dataSource));
      JdbcClient callerSql = JdbcClient.create(f.dataSource);

      tx.executeWithoutResult(status -> {
        callerSql.sql("select count(*) from audit_event").query(Long.class).single();
        f.trail().record(AuditFixture.read("u-1", "r-1"));
        long seenFromOutside = countFromAConnectionOfItsOwn(f);
        assertThat(seenFromOutside).as("committed before the caller's transaction ends").isEqualTo(1);
        status.setRollbackOnly();
      });

      assertThat(f.count("audit_event")).as("the caller's rollback does not undo the audit").isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void oversizedEventFailsOnlyItsCaller(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      AuditEvent tooLong = AuditFixture.event(Instant.now(), "x".repeat(65), "u-1", null, "success");

      assertThatThrownBy(() -> f.trail().recordAll(List.of(AuditFixture.read("u-1", "r-1"), tooLong)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("xxxx");
      f.trail().record(AuditFixture.read("u-2", "r-2"));

      assertThat(f.count("audit_event")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void clientControlledUserAgentIsCutNotRefused(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      AuditEvent event = new AuditEvent(Instant.now(), AuditActions.SIGN_IN_FAILED, "anonymous", null, List.of(), List.of(), null, "failure",
          "10.0.0.9", "A\u0000" + "b".repeat(5000), null, Map.of());

      f.trail().record(event);

      String stored = f.sql.sql("select user_agent from audit_event").query(String.class).single();
      assertThat(stored).hasSize(1000).startsWith("A\uFFFDb");
      assertThat(f.verify().ok()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recordingAfterShutdownFailsLoudly(Kind kind) {
    AuditFixture f = AuditFixture.on(kind, dir);
    f.append(3);
    f.close();

    assertThatThrownBy(() -> f.trail().record(AuditFixture.read("u-1", "r-1"))).isInstanceOf(AuditUnavailableException.class);
    assertThat(f.count("audit_event")).isEqualTo(3);
  }

  static void runConcurrently(AuditTrail trail, int threads, int perThread, String prefix) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = prefix + "-" + t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            trail.record(AuditFixture.read(actor, actor + "-" + i));
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static List<Long> seqs(long from, long to) {
    List<Long> list = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      list.add(s);
    }
    return list;
  }

  private static String urlOf(AuditFixture f) throws Exception {
    try (var c = f.dataSource.getConnection()) {
      return c.getMetaData().getURL();
    }
  }

  /** Counts from a connection of its own, outside any Spring transaction on this thread. */
  private static long countFromAConnectionOfItsOwn(AuditFixture f) {
    try (var c = f.dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from audit_event")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
