package io.steward.records.store;

import io.steward.records.RecordJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record_job table: background rewrites and their progress. */
@Repository
public class RecordJobStore {

  private final JdbcClient jdbc;

  public RecordJobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(RecordJob j) {
    jdbc.sql("""
            insert into record_job (id, kind, object_type, field, status, processed, changed, requested_by, created_at)
            values (:id, :kind, :type, :field, :status, 0, 0, :by, :at)""")
        .param("id", j.id())
        .param("kind", j.kind().name())
        .param("type", j.objectType())
        .param("field", j.field())
        .param("status", j.status())
        .param("by", j.requestedBy())
        .param("at", ts(j.createdAt()))
        .update();
  }

  public void progress(UUID id, String status, long processed, long changed, Instant finishedAt) {
    jdbc.sql("update record_job set status = :s, processed = :p, changed = :c, finished_at = :f where id = :id")
        .param("id", id)
        .param("s", status)
        .param("p", processed)
        .param("c", changed)
        .param("f", finishedAt == null ? null : ts(finishedAt))
        .update();
  }

  public List<RecordJob> unfinished() {
    return jdbc.sql("select * from record_job where status in ('queued', 'running') order by created_at").query(RecordJobStore::map).list();
  }

  public List<RecordJob> recent(int limit) {
    return jdbc.sql("select * from record_job order by created_at desc limit :n").param("n", limit).query(RecordJobStore::map).list();
  }

  private static RecordJob map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new RecordJob(rs.getObject("id", UUID.class), RecordJob.Kind.valueOf(rs.getString("kind")), rs.getString("object_type"),
        rs.getString("field"), rs.getString("status"), rs.getLong("processed"), rs.getLong("changed"), rs.getString("requested_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
  }

  private static OffsetDateTime ts(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
