package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditRetention.PruneResult;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditRetentionTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void expiredEventsArePrunedUpToACheckpointAndTheRestStillVerifies(Kind kind) {
    AuditFixture.MovableClock clock = new AuditFixture.MovableClock();
    AuditProperties properties = AuditFixture.properties(dir).withRetention(Period.ofYears(2));
    try (AuditFixture f = AuditFixture.on(kind, dir, properties, clock)) {
      f.append(25);
      clock.advance(Duration.ofDays(3 * 365));
      f.append(3);
      assertThat(f.sql.sql("select count(*) from audit_event_record where seq <= 20").query(Long.class).single()).isEqualTo(20);

      PruneResult result = f.audit.retention().pruneExpired();

      assertThat(result).isEqualTo(new PruneResult(20, 20));
      assertThat(f.sql.sql("select min(seq) from audit_event").query(Long.class).single()).isEqualTo(21);
      assertThat(f.sql.sql("select count(*) from audit_event_record where seq <= 20").query(Long.class).single()).isZero();
      assertThat(f.sql.sql("select action from audit_event order by seq desc limit 1").query(String.class).single())
          .isEqualTo(AuditActions.AUDIT_PRUNED);
      VerificationReport report = f.verify();
      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.anchorSeq()).isEqualTo(20);
      assertThat(report.eventsChecked()).isEqualTo(9);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void eventsWithinTheRetentionPeriodStay(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      f.append(25);

      PruneResult result = f.audit.retention().pruneExpired();

      assertThat(result).isEqualTo(new PruneResult(0, 0));
      assertThat(f.count("audit_event")).isEqualTo(25);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void deletingTheOldestEventsWithoutACheckpointIsStillCaught(Kind kind) {
    try (AuditFixture f = AuditFixture.on(kind, dir)) {
      f.append(25);
      f.sql.sql("delete from audit_event where seq <= 15").update();

      VerificationReport report = f.verify();

      assertThat(report.firstBreak().orElseThrow().kind()).isEqualTo(VerificationReport.Kind.DELETED);
      assertThat(report.firstBreak().orElseThrow().seq()).isEqualTo(11);
    }
  }
}
