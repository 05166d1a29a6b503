package io.steward.crypto.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Persistent state of key rotations, so a rotation survives a crash and resumes: on the node that runs it (its
 * {@code owner}), or on another node once the owner is gone or has released it.
 */
public class RotationJobStore {

  private final JdbcClient jdbc;

  public RotationJobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A job; {@code phase} says what a running job does (load, adopt, rewrap, reindex, retire), {@code owner} which node
   * runs it (none: stopped, to be taken up again from {@code retryAt}).
   */
  public record Job(
      long id, String kind, int targetKeyId, String state, long processed, long total, Instant startedAt, Instant finishedAt,
      String owner, String phase, Instant retryAt) {}

  public long start(String kind, int targetKeyId, long total, String owner) {
    jdbc.sql("insert into key_rotation (kind, target_key_id, state, processed, total, started_at, owner, phase) "
            + "values (:kind, :target, 'running', 0, :total, :at, :owner, 'load')")
        .param("kind", kind)
        .param("target", targetKeyId)
        .param("total", total)
        .param("at", ts(Instant.now()))
        .param("owner", owner)
        .update();
    return jdbc.sql("select max(id) from key_rotation where kind = :kind").param("kind", kind).query(Long.class).single();
  }

  public void progress(long id, long processed) {
    jdbc.sql("update key_rotation set processed = :p where id = :id").param("p", processed).param("id", id).update();
  }

  public void phase(long id, String phase) {
    jdbc.sql("update key_rotation set phase = :phase where id = :id").param("phase", phase).param("id", id).update();
  }

  public void finish(long id) {
    finish(id, "done");
  }

  /** Ends a job: "done" (old key retired) or "incomplete" (some keys did not open; the old key is kept). */
  public void finish(long id, String state) {
    jdbc.sql("update key_rotation set state = :state, finished_at = :at where id = :id")
        .param("state", state)
        .param("at", ts(Instant.now()))
        .param("id", id)
        .update();
  }

  /** Takes a running job over from its previous owner (null: a stopped job); false if another node was quicker. */
  public boolean claim(long id, String owner, String previousOwner) {
    return jdbc.sql("update key_rotation set owner = :owner, retry_at = null where id = :id and state = 'running' and "
            + (previousOwner == null ? "owner is null" : "owner = :previous"))
        .params(previousOwner == null ? java.util.Map.of() : java.util.Map.of("previous", previousOwner))
        .param("owner", owner)
        .param("id", id)
        .update() == 1;
  }

  /** Lets go of a running job; any node may take it up again from {@code retryAt}. */
  public void release(long id, String owner, Instant retryAt) {
    jdbc.sql("update key_rotation set owner = null, retry_at = :retry where id = :id and owner = :owner")
        .param("retry", ts(retryAt))
        .param("id", id)
        .param("owner", owner)
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

  private static final String SELECT =
      "select id, kind, target_key_id, state, processed, total, started_at, finished_at, owner, phase, retry_at from key_rotation";

  private static Job map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Job(
        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
        instant(rs.getObject(7, OffsetDateTime.class)), instant(rs.getObject(8, OffsetDateTime.class)),
        rs.getString(9), rs.getString(10), instant(rs.getObject(11, OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime ts(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
