package io.steward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditQueries.IpCount;
import io.steward.shared.Page;
import io.steward.testsupport.TestDatabases.Kind;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditQueriesTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @TempDir
  Path dir;

  /** A small history: reads by alice and bob, an export, failed sign-ins from two addresses. */
  private AuditFixture history(Kind kind) {
    AuditFixture f = AuditFixture.on(kind, dir);
    AuditTrail trail = f.trail();
    trail.record(AuditFixture.event(NOW.minus(Duration.ofDays(40)), AuditActions.EXPORT, "alice", "10.0.0.1", "success"));
    trail.record(AuditFixture.event(NOW.minus(Duration.ofDays(3)), AuditActions.RECORD_READ, "alice", "10.0.0.1", "success", "r-1", "r-2"));
    trail.record(AuditFixture.event(NOW.minus(Duration.ofDays(2)), AuditActions.RECORD_READ, "bob", "10.0.0.2", "success", "r-2"));
    trail.record(AuditFixture.event(NOW.minus(Duration.ofDays(1)), AuditActions.EXPORT, "bob", "10.0.0.2", "success", "r-1", "r-2", "r-3"));
    for (int i = 0; i < 3; i++) {
      trail.record(AuditFixture.event(NOW.minus(Duration.ofHours(5)), AuditActions.SIGN_IN_FAILED, "anonymous", "203.0.113.7", "failure"));
    }
    trail.record(AuditFixture.event(NOW.minus(Duration.ofHours(4)), AuditActions.SIGN_IN_FAILED, "anonymous", "198.51.100.4", "failure"));
    trail.record(AuditFixture.event(NOW.minus(Duration.ofHours(1)), AuditActions.RECORD_UPDATE, "alice", "10.0.0.1", "success", "r-1"));
    return f;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void whoAccessedThisRecordNewestFirst(Kind kind) {
    try (AuditFixture f = history(kind)) {
      Page<StoredAuditEvent> page = f.audit.queries().find(AuditFilter.all().record("r-2"), 0, 10);

      assertThat(page.total()).isEqualTo(3);
      assertThat(page.items()).extracting(e -> e.event().actorId() + " " + e.event().action())
          .containsExactly("bob data.export", "bob record.read", "alice record.read");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void whatAUserAccessedBetweenTwoTimes(Kind kind) {
    try (AuditFixture f = history(kind)) {
      AuditFilter filter = AuditFilter.all().actor("alice").between(NOW.minus(Duration.ofDays(7)), NOW);

      List<StoredAuditEvent> items = f.audit.queries().find(filter, 0, 10).items();

      assertThat(items).extracting(e -> e.event().action()).containsExactly(AuditActions.RECORD_UPDATE, AuditActions.RECORD_READ);
      assertThat(items.get(1).event().recordIds()).containsExactly("r-1", "r-2");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void exportsOfTheLastThirtyDays(Kind kind) {
    try (AuditFixture f = history(kind)) {
      AuditFilter filter = AuditFilter.all().actions(AuditActions.EXPORT).between(NOW.minus(Duration.ofDays(30)), NOW);

      Page<StoredAuditEvent> page = f.audit.queries().find(filter, 0, 10);

      assertThat(page.items()).extracting(e -> e.event().actorId()).containsExactly("bob");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void failedSignInsGroupedByIp(Kind kind) {
    try (AuditFixture f = history(kind)) {
      List<IpCount> counts = f.audit.queries().failedSignInsByIp(NOW.minus(Duration.ofDays(1)), NOW);

      assertThat(counts).containsExactly(new IpCount("203.0.113.7", 3), new IpCount("198.51.100.4", 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pagesWalkBackFromTheNewest(Kind kind) {
    try (AuditFixture f = history(kind)) {
      Page<StoredAuditEvent> second = f.audit.queries().find(AuditFilter.all(), 1, 3);

      assertThat(second.total()).isEqualTo(9);
      assertThat(second.totalPages()).isEqualTo(3);
      assertThat(second.items()).extracting(StoredAuditEvent::seq).containsExactly(6L, 5L, 4L);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void csvExportIsChronologicalAndDefusesFormulas(Kind kind) {
    try (AuditFixture f = history(kind)) {
      f.trail().record(new AuditEvent(NOW, AuditActions.SIGN_IN_FAILED, "anonymous", null, List.of(), List.of(), null, "failure",
          "203.0.113.7", "=HYPERLINK(\"http://evil\")", null, Map.of()));
      StringWriter out = new StringWriter();

      long n = f.audit.queries().exportCsv(AuditFilter.all().ip("203.0.113.7"), out);

      String[] lines = out.toString().split("\r\n");
      assertThat(n).isEqualTo(4);
      assertThat(lines[0]).startsWith("seq,at,action,actor_id");
      assertThat(lines[1]).startsWith("5,");
      assertThat(lines[4]).startsWith("10,").contains("'=HYPERLINK");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void jsonLinesExportCarriesSeqAndHash(Kind kind) {
    try (AuditFixture f = history(kind)) {
      StringWriter out = new StringWriter();

      long n = f.audit.queries().exportJsonLines(AuditFilter.all().record("r-3"), out);

      assertThat(n).isEqualTo(1);
      assertThat(out.toString()).startsWith("{\"seq\":4,\"at\":\"" + NOW.minus(Duration.ofDays(1)) + "\",\"action\":\"data.export\"")
          .contains("\"recordIds\":[\"r-1\",\"r-2\",\"r-3\"]")
          .containsPattern("\"hash\":\"[0-9a-f]{64}\"}\n$");
    }
  }
}
