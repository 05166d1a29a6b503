package io.steward.crypto.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Persistent state of key rotations, so a rotation survives a crash and resumes. */
public class RotationJobStore {

  private final JdbcClient jdbc;

  public RotationJobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Job(long id, String kind, int targetKeyId, String state, long processed, long total, Instant startedAt, Instant finishedAt) {}

  public long start(String kind, int targetKeyId, long total) {
    jdbc.sql("insert into key_rotation (kind, target_key_id, state, processed, total, started_at) values (:kind, :target, 'running', 0, :total, :at)")
        .param("kind", kind)
        .param("target", targetKeyId)
        .param("total", total)
        .param("at", now())
        .update();
    return jdbc.sql("select max(id) from key_rotation where kind = :kind").param("kind", kind).query(Long.class).single();
  }

  public void progress(long id, long processed) {
    jdbc.sql("update key_rotation set processed = :p where id = :id").param("p", processed).param("id", id).update();
  }

  public void finish(long id) {
    finish(id, "done");
  }

  /** Ends a job: "done" (old key retired) or "incomplete" (some keys did not open; the old key is kept). */
  public void finish(long id, String state) {
    jdbc.sql("update key_rotation set state = :state, finished_at = :at where id = :id")
        .param("state", state)
        .param("at", now())
        .param("id", id)
        .update();
  }

  public List<Job> running() {
    return jdbc.sql(SELECT + " where state = 'running' order by id").query(RotationJobStore::map).list();
  }

  public List<Job> recent(int limit) {
    return jdbc.sql(SELECT + " order by id desc limit :limit").param("limit", limit).query(RotationJobStore::map).list();
  }

  public Optional<Job> find(long id) {
    return jdbc.sql(SELECT + " where id = :id").param("id", id).query(RotationJobStore::map).optional();
  }

  private static final String SELECT = "select id, kind, target_key_id, state, processed, total, started_at, finished_at from key_rotation";

  private static Job map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    OffsetDateTime finished = rs.getObject(8, OffsetDateTime.class);
    return new Job(
        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
  }
}
