package io.steward.monitoring.store;

import io.steward.monitoring.baseline.Count;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The live window counts all nodes share ({@code monitor_count}): each node writes only its own rows, named by a
 * random id of this run, so a restarted node reads what it counted before as another node's.
 */
@Repository
public class CountStore {

  /** One node's count of one bucket of a user's counter (for reads: the other nodes' total). */
  public record Row(UUID userId, Count counter, long bucket, long n) {

    /** When the bucket has left its window: the row is not needed after this. */
    Instant expiresAt() {
      return Instant.ofEpochMilli((bucket + 1) * counter.bucketMillis() + counter.windowMillis());
    }
  }

  private static final String WRITE = """
      merge into monitor_count t
      using (select cast(? as uuid) as user_id, cast(? as varchar(16)) as counter, cast(? as bigint) as bucket,
                    cast(? as varchar(36)) as node, cast(? as bigint) as n, cast(? as timestamp with time zone) as expires_at,
                    cast(? as timestamp with time zone) as updated_at) s
      on t.user_id = s.user_id and t.counter = s.counter and t.bucket = s.bucket and t.node = s.node
      when matched then update set n = s.n, expires_at = s.expires_at, updated_at = s.updated_at
      when not matched then insert (user_id, counter, bucket, node, n, expires_at, updated_at)
        values (s.user_id, s.counter, s.bucket, s.node, s.n, s.expires_at, s.updated_at)""";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final String node = UUID.randomUUID().toString();

  public CountStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** This node's name in the table, new at every start. */
  public String node() {
    return node;
  }

  /** Stores this node's counts (each row the bucket's whole count so far), in one batched statement. */
  public void write(List<Row> rows, Instant now) {
    batch.batchUpdate(WRITE, rows.stream()
        .map(r -> new Object[] {r.userId(), r.counter().id(), r.bucket(), node, r.n(), Sql.ts(r.expiresAt()), Sql.ts(now)})
        .toList());
  }

  /** The other nodes' totals of every bucket that some other node wrote since {@code since}. */
  public List<Row> othersChangedSince(Instant since) {
    return jdbc.sql("""
            select c.user_id, c.counter, c.bucket, sum(c.n) as n from monitor_count c
            where c.node <> :node and exists (select 1 from monitor_count u where u.user_id = c.user_id and u.counter = c.counter
              and u.bucket = c.bucket and u.node <> :node and u.updated_at >= :since)
            group by c.user_id, c.counter, c.bucket""")
        .param("node", node).param("since", Sql.ts(since))
        .query((rs, n) -> new Row(rs.getObject("user_id", UUID.class), Count.ofId(rs.getString("counter")), rs.getLong("bucket"), rs.getLong("n")))
        .list();
  }

  /** The other nodes' totals of every bucket of one user (a user this node sees for the first time). */
  public List<Row> others(UUID userId) {
    return jdbc.sql("select counter, bucket, sum(n) as n from monitor_count where user_id = :u and node <> :node group by counter, bucket")
        .param("u", userId).param("node", node)
        .query((rs, n) -> new Row(userId, Count.ofId(rs.getString("counter")), rs.getLong("bucket"), rs.getLong("n")))
        .list();
  }

  /** Removes the rows whose buckets have left their windows by {@code now}. */
  public int prune(Instant now) {
    return jdbc.sql("delete from monitor_count where expires_at < :now").param("now", Sql.ts(now)).update();
  }
}
