package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.VerificationReport.ChainBreak;
import io.steward.audit.VerificationReport.Kind;
import io.steward.audit.chain.ChainHasher;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.CheckpointFile;
import io.steward.audit.store.AuditRows;
import io.steward.audit.verify.ChainVerifier;
import io.steward.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tampering done the way someone with SQL access would do it, and what verification then says. */
class AuditVerifierTest {

  @TempDir
  Path dir;

  private AuditFixture trailOf25(TestDatabases.Kind kind) {
    AuditFixture f = AuditFixture.on(kind, dir);
    f.append(25);
    return f;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void untouchedTrailVerifies(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      VerificationReport report = f.verify();

      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.summary()).startsWith("Audit trail OK: 25 events checked (seq 1..25, anchored at genesis), 2 checkpoints");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void modifiedEventIsReportedAtItsPosition(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("update audit_event set actor_id = 'mallory' where seq = 12").update();

      assertBreak(f.verify(), Kind.MODIFIED, 12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void deletedEventIsReportedAsAGap(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("delete from audit_event where seq = 12").update();

      assertBreak(f.verify(), Kind.DELETED, 12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void deletedFirstEventIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("delete from audit_event where seq = 1").update();

      assertBreak(f.verify(), Kind.DELETED, 1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void insertedEventIsReportedAtItsPosition(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      shiftFrom(f, 12, 1);
      f.sql.sql("insert into audit_event (" + AuditRows.COLUMNS + ") select 12, at, 'record.delete', 'bob', object_type, record_ids, fields,"
          + " reason, outcome, ip, user_agent, request_id, details, hash, '" + "ab".repeat(32) + "' from audit_event where seq = 11").update();

      assertBreak(f.verify(), Kind.INSERTED, 12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void replayedEventIsReportedAsInserted(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      shiftFrom(f, 12, 1);
      f.sql.sql("insert into audit_event (" + AuditRows.COLUMNS + ") select 12, at, action, actor_id, object_type, record_ids, fields,"
          + " reason, outcome, ip, user_agent, request_id, details, prev_hash, hash from audit_event where seq = 11").update();

      assertBreak(f.verify(), Kind.INSERTED, 12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void reorderedEventsAreReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("update audit_event set seq = -1 where seq = 12").update();
      f.sql.sql("update audit_event set seq = 12 where seq = 13").update();
      f.sql.sql("update audit_event set seq = 13 where seq = -1").update();

      assertBreak(f.verify(), Kind.REORDERED, 12);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void truncatedTailIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("delete from audit_event where seq > 20").update();

      assertBreak(f.verify(), Kind.TRUNCATED, 21);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void truncationCoveredUpInTheDatabaseIsCaughtByTheCheckpointFile(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      String hash15 = f.sql.sql("select hash from audit_event where seq = 15").query(String.class).single();
      f.sql.sql("delete from audit_event where seq > 15").update();
      f.sql.sql("delete from audit_checkpoint where seq > 15").update();
      f.sql.sql("update audit_head set seq = 15, hash = :h").param("h", hash15).update();

      VerificationReport report = f.verify();

      assertBreak(report, Kind.TRUNCATED, 16);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("checkpoint file").contains("seq 20");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void rewrittenAndRehashedChainIsCaughtByTheSignedCheckpoint(TestDatabases.Kind kind) throws Exception {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("update audit_event set actor_id = 'mallory' where seq = 12").update();
      String newHead = rehashFrom(f, 12);
      f.sql.sql("update audit_head set hash = :h").param("h", newHead).update();

      VerificationReport report = f.verify();

      assertBreak(report, Kind.REWRITTEN, 11);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("from seq 11 to 20");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void forgedCheckpointSignatureIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("update audit_checkpoint set signature = (select signature from audit_checkpoint where seq = 20) where seq = 10").update();

      assertBreak(f.verify(), Kind.BAD_CHECKPOINT_SIGNATURE, 10);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void forgedLineInTheCheckpointFileIsReported(TestDatabases.Kind kind) throws Exception {
    try (AuditFixture f = trailOf25(kind)) {
      String line = "{\"seq\":25,\"hash\":\"" + "cd".repeat(32) + "\",\"at\":\"2026-11-29T02:10:00Z\",\"signature\":\"AAAA\"}\n";
      Files.writeString(f.checkpointFile(), line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

      VerificationReport report = f.verify();

      assertBreak(report, Kind.BAD_CHECKPOINT_SIGNATURE, 25);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("checkpoint file");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void wellFormedEventAddedBeyondTheHeadIsReported(TestDatabases.Kind kind) throws Exception {
    try (AuditFixture f = trailOf25(kind)) {
      String last = f.sql.sql("select hash from audit_event where seq = 25").query(String.class).single();
      ChainRow forged = ChainRow.append(26, last, AuditFixture.read("mallory", "r-1"), new ChainHasher());
      try (Connection c = f.dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("insert into audit_event (" + AuditRows.INSERT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        AuditRows.bind(ps, 0, forged, "r-1");
        ps.executeUpdate();
      }

      assertBreak(f.verify(), Kind.INSERTED, 26);
    }
  }

  // The record index (audit_event.record_id, audit_event_record) is what a record's Access history reads. The fixture's
  // events each name two records: rec-i on the event's row, rec-(i+1) in audit_event_record.

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void recordIndexEntryRemovedToHideAnEventFromAnAccessHistoryIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("delete from audit_event_record where seq = 12").update();

      VerificationReport report = f.verify();

      assertBreak(report, Kind.RECORD_INDEX, 12);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("1 missing, 0 added").doesNotContain("rec-13");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void recordOnTheEventRowChangedOrClearedIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("update audit_event set record_id = 'rec-other' where seq = 12").update();
      f.sql.sql("update audit_event set record_id = null where seq = 17").update();

      VerificationReport report = f.verify();

      assertBreak(report, Kind.RECORD_INDEX, 12);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("1 missing, 1 added");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void recordIndexEntryAddedToBlameAnEventOnAnotherRecordIsReported(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      f.sql.sql("insert into audit_event_record (record_id, seq) values ('rec-victim', 9)").update();

      VerificationReport report = f.verify();

      assertBreak(report, Kind.RECORD_INDEX, 9);
      assertThat(report.firstBreak().orElseThrow().detail()).contains("0 missing, 1 added");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void eventsIndexedBeforeTheRecordColumnExistedStillVerify(TestDatabases.Kind kind) {
    try (AuditFixture f = trailOf25(kind)) {
      // Before migration V202612021600 every record an event named was in audit_event_record, none on its row.
      f.sql.sql("insert into audit_event_record (record_id, seq) select record_id, seq from audit_event where seq <= 10").update();
      f.sql.sql("update audit_event set record_id = null where seq <= 10").update();

      VerificationReport report = f.verify();

      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.eventsChecked()).isEqualTo(25);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void breaksAtRangeBoundariesAreFoundWhenVerifyingInParallel(TestDatabases.Kind kind) throws Exception {
    // 25 events in four ranges: [1,8) [8,15) [15,22) [22,..)
    assertParallel(kind, f -> {}, null, 0);
    assertParallel(kind, f -> f.sql.sql("update audit_event set actor_id = 'mallory' where seq = 8").update(), Kind.MODIFIED, 8);
    assertParallel(kind, f -> f.sql.sql("delete from audit_event where seq = 7").update(), Kind.DELETED, 7);
    assertParallel(kind, f -> {
      f.sql.sql("update audit_event set seq = -1 where seq = 7").update();
      f.sql.sql("update audit_event set seq = 7 where seq = 8").update();
      f.sql.sql("update audit_event set seq = 8 where seq = -1").update();
    }, Kind.REORDERED, 7);
    assertParallel(kind, f -> {
      f.sql.sql("update audit_event set actor_id = 'mallory' where seq = 16").update();
      f.sql.sql("update audit_head set hash = :h").param("h", rehashFrom(f, 16)).update();
    }, Kind.REWRITTEN, 11);
    assertParallel(kind, f -> f.sql.sql("delete from audit_event_record where seq = 7").update(), Kind.RECORD_INDEX, 7);
    assertParallel(kind, f -> f.sql.sql("update audit_event set record_id = 'rec-other' where seq = 8").update(), Kind.RECORD_INDEX, 8);
  }

  private interface Tampering {
    void apply(AuditFixture f) throws Exception;
  }

  private void assertParallel(TestDatabases.Kind kind, Tampering tampering, Kind expected, long seq) throws Exception {
    try (AuditFixture f = trailOf25(kind)) {
      tampering.apply(f);
      ChainVerifier parallel = new ChainVerifier(f.dataSource, AuditFixture.KEYS, new CheckpointFile(f.checkpointFile()), 4, 5);

      VerificationReport report = parallel.verify();

      if (expected == null) {
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(25);
        assertThat(report.lastSeq()).isEqualTo(25);
      } else {
        assertBreak(report, expected, seq);
      }
    } finally {
      Files.deleteIfExists(dir.resolve("audit-checkpoints/checkpoints.jsonl"));
    }
  }

  private static void assertBreak(VerificationReport report, Kind kind, long seq) {
    assertThat(report.ok()).as(report.summary()).isFalse();
    ChainBreak found = report.firstBreak().orElseThrow();
    assertThat(found.kind()).as(report.summary()).isEqualTo(kind);
    assertThat(found.seq()).as(report.summary()).isEqualTo(seq);
    assertThat(report.summary()).contains("BROKEN at seq " + seq);
  }

  /** Moves every event from seq on by delta, in two steps so no primary key collides midway. */
  private static void shiftFrom(AuditFixture f, long from, int delta) {
    f.sql.sql("update audit_event set seq = seq + 1000000 where seq >= :from").param("from", from).update();
    f.sql.sql("update audit_event set seq = seq - 1000000 + :d where seq >= 1000000").param("d", delta).update();
  }

  /** What a careful forger does: recompute every hash and link from the changed row on. Returns the new last hash. */
  private static String rehashFrom(AuditFixture f, long from) throws Exception {
    try (Connection c = f.dataSource.getConnection()) {
      List<ChainRow> rows = new ArrayList<>();
      String prev;
      try (PreparedStatement ps = c.prepareStatement("select hash from audit_event where seq = ?")) {
        ps.setLong(1, from - 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          prev = rs.getString(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("select " + AuditRows.COLUMNS + " from audit_event where seq >= ? order by seq")) {
        ps.setLong(1, from);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(AuditRows.read(rs));
          }
        }
      }
      ChainHasher hasher = new ChainHasher();
      for (ChainRow row : rows) {
        ChainRow relinked = new ChainRow(row.seq(), row.at(), row.action(), row.actorId(), row.objectType(), row.recordIds(), row.fields(),
            row.reason(), row.outcome(), row.ip(), row.userAgent(), row.requestId(), row.details(), prev, null);
        String hash = hasher.hash(relinked);
        try (PreparedStatement ps = c.prepareStatement("update audit_event set prev_hash = ?, hash = ? where seq = ?")) {
          ps.setString(1, prev);
          ps.setString(2, hash);
          ps.setLong(3, row.seq());
          ps.executeUpdate();
        }
        prev = hash;
      }
      return prev;
    }
  }
}
