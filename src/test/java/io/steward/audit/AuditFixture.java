package io.steward.audit;

import io.steward.crypto.KeyRing;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One audit module on a fresh database of a kind, with in-memory keys and a checkpoint file in a temporary
 * folder; checkpoints every 10 events so that tests see several.
 */
final class AuditFixture implements AutoCloseable {

  static final KeyRing KEYS = KeyRing.inMemory();

  final Kind kind;
  final DataSource dataSource;
  final JdbcClient sql;
  final Path dir;
  final AuditProperties properties;
  final Audit audit;

  private AuditFixture(Kind kind, DataSource dataSource, Path dir, AuditProperties properties, Clock clock) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.sql = JdbcClient.create(dataSource);
    this.dir = dir;
    this.properties = properties;
    this.audit = Audit.create(dataSource, KEYS, properties, clock).start();
  }

  static AuditProperties properties(Path dir) {
    return AuditProperties.defaults(dir.toString()).withCheckpoints(10, Duration.ofMinutes(5));
  }

  static AuditFixture on(Kind kind, Path dir) {
    return new AuditFixture(kind, TestDatabases.migrated(kind), dir, properties(dir), Clock.systemUTC());
  }

  static AuditFixture on(Kind kind, Path dir, AuditProperties properties, Clock clock) {
    return new AuditFixture(kind, TestDatabases.migrated(kind), dir, properties, clock);
  }

  /** Another module ("node") on the same database, with its own connections. */
  AuditFixture secondNode(DataSource ownConnections) {
    return new AuditFixture(kind, ownConnections, dir, properties, Clock.systemUTC());
  }

  AuditTrail trail() {
    return audit.trail();
  }

  VerificationReport verify() {
    return audit.verifier().verify();
  }

  Path checkpointFile() {
    return Path.of(properties.checkpointFile());
  }

  /** Appends n reads one call at a time, each naming two records (the first is kept on the event's row, the second in audit_event_record). */
  void append(int n) {
    for (int i = 0; i < n; i++) {
      trail().record(read("user-" + (i % 3), "rec-" + i, "rec-" + (i + 1)));
    }
  }

  long count(String table) {
    return sql.sql("select count(*) from " + table).query(Long.class).single();
  }

  static AuditEvent read(String actor, String... recordIds) {
    return new AuditEvent(Instant.now(), AuditActions.RECORD_READ, actor, "contact", List.of(recordIds), List.of("firstName", "email"),
        "support ticket", "success", "10.0.0.1", "JUnit", "req-1", Map.of("view", "detail"));
  }

  static AuditEvent event(Instant at, String action, String actor, String ip, String outcome, String... recordIds) {
    return new AuditEvent(at, action, actor, "contact", List.of(recordIds), List.of(), null, outcome, ip, null, null, Map.of());
  }

  /** A clock tests can move. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Override
  public void close() {
    audit.close();
  }
}
