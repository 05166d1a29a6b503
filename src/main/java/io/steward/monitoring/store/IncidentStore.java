package io.steward.monitoring.store;

import io.steward.monitoring.Incident;
import io.steward.monitoring.IncidentStatus;
import io.steward.monitoring.Response;
import io.steward.monitoring.Rule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Incidents: opened by the monitor, acknowledged and resolved by people. */
@Repository
public class IncidentStore {

  private final JdbcClient jdbc;

  public IncidentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Incident i) {
    jdbc.sql("""
        insert into monitor_incident (id, rule, response, user_id, ip, summary, status, opened_at, last_seen_at, records, contained_at)
        values (:id, :rule, :response, :u, :ip, :summary, :status, :opened, :seen, :records, :contained)""")
        .param("id", i.id()).param("rule", i.rule().id()).param("response", i.response().name()).param("u", i.userId())
        .param("ip", i.ip()).param("summary", i.summary()).param("status", i.status().name()).param("opened", Sql.ts(i.openedAt()))
        .param("seen", Sql.ts(i.lastSeenAt())).param("records", i.records()).param("contained", Sql.ts(i.contained()))
        .update();
  }

  /** The rule fired again while the incident was open: later last-seen, the larger record count. */
  public void touch(UUID id, Instant seen, long records) {
    jdbc.sql("update monitor_incident set last_seen_at = :seen, records = case when records > :r then records else :r end where id = :id")
        .param("id", id).param("seen", Sql.ts(seen)).param("r", records).update();
  }

  public void contained(UUID id, Instant at) {
    jdbc.sql("update monitor_incident set contained_at = :at where id = :id and contained_at is null").param("id", id).param("at", Sql.ts(at)).update();
  }

  public boolean acknowledge(UUID id, String by, Instant at, String note) {
    return jdbc.sql("""
        update monitor_incident set status = 'ACKNOWLEDGED', acknowledged_by = :by, acknowledged_at = :at, note = :note
        where id = :id and status = 'OPEN'""")
        .param("id", id).param("by", by).param("at", Sql.ts(at)).param("note", note).update() == 1;
  }

  public boolean resolve(UUID id, String by, Instant at, String note) {
    return jdbc.sql("""
        update monitor_incident set status = 'RESOLVED', resolved_by = :by, resolved_at = :at,
          note = case when note is null then :note else note || chr(10) || :note end
        where id = :id and status <> 'RESOLVED'""")
        .param("id", id).param("by", by).param("at", Sql.ts(at)).param("note", note).update() == 1;
  }

  /** Incidents still open (nobody acknowledged them) since before {@code cutoff} and not yet escalated. */
  public List<Incident> unacknowledgedSince(Instant cutoff) {
    return jdbc.sql("select * from monitor_incident where status = 'OPEN' and escalated_at is null and opened_at <= :cutoff order by opened_at")
        .param("cutoff", Sql.ts(cutoff)).query(IncidentStore::row).list();
  }

  /** Claims the escalation of a still-unacknowledged incident; true for exactly one caller across nodes. */
  public boolean markEscalated(UUID id, Instant at) {
    return jdbc.sql("update monitor_incident set escalated_at = :at where id = :id and status = 'OPEN' and escalated_at is null")
        .param("id", id).param("at", Sql.ts(at)).update() == 1;
  }

  public Optional<Incident> find(UUID id) {
    return jdbc.sql("select * from monitor_incident where id = :id").param("id", id).query(IncidentStore::row).optional();
  }

  public List<Incident> open() {
    return jdbc.sql("select * from monitor_incident where status <> 'RESOLVED' order by opened_at desc").query(IncidentStore::row).list();
  }

  public List<Incident> recentlyResolved(int limit) {
    return jdbc.sql("select * from monitor_incident where status = 'RESOLVED' order by resolved_at desc limit :n")
        .param("n", limit).query(IncidentStore::row).list();
  }

  public List<Incident> since(Instant from) {
    return jdbc.sql("select * from monitor_incident where opened_at >= :from order by opened_at")
        .param("from", Sql.ts(from)).query(IncidentStore::row).list();
  }

  private static Incident row(ResultSet rs, int n) throws SQLException {
    return new Incident(rs.getObject("id", UUID.class), Rule.ofId(rs.getString("rule")), Response.valueOf(rs.getString("response")),
        rs.getObject("user_id", UUID.class), rs.getString("ip"), rs.getString("summary"), IncidentStatus.valueOf(rs.getString("status")),
        Sql.instant(rs, "opened_at"), Sql.instant(rs, "last_seen_at"), rs.getLong("records"), Sql.instant(rs, "contained_at"),
        rs.getString("acknowledged_by"), Sql.instant(rs, "acknowledged_at"), rs.getString("resolved_by"), Sql.instant(rs, "resolved_at"),
        Sql.instant(rs, "escalated_at"), rs.getString("note"));
  }
}
