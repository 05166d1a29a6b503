package io.steward.records.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fill counts: how many records of a type hold a value per field, split by the records' purposes. Writers append
 * deltas; compaction folds them into one row per key. Reading sums what is there, so it is exact at any moment.
 */
@Repository
public class FillCountStore {

  /** Counts records themselves rather than a field. */
  public static final String RECORDS = "*";

  /** One count: records of {@code objectType} held for {@code purposes} (sorted, comma-separated) with a value in {@code field}. */
  public record Count(String objectType, String field, String purposes, long filled) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public FillCountStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public void add(String objectType, Map<String, Map<String, Long>> deltasByPurposes) {
    List<Object[]> rows = new ArrayList<>();
    deltasByPurposes.forEach((purposes, byField) -> byField.forEach((field, delta) -> {
      if (delta != 0) {
        rows.add(new Object[] {objectType, field, purposes, delta});
      }
    }));
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into field_fill_count (object_type, field, purposes, filled) values (?, ?, ?, ?)", rows);
    }
  }

  public List<Count> all() {
    return jdbc.sql("select object_type, field, purposes, sum(filled) from field_fill_count group by object_type, field, purposes")
        .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
  }

  /** Folds the deltas into one row per key; the lock row keeps two nodes from folding the same rows twice. */
  public int compact() {
    jdbc.sql("select counted_at from fill_count_state where object_type = '~compaction' for update").query(OffsetDateTime.class).list();
    long max = jdbc.sql("select coalesce(max(id), 0) from field_fill_count").query(Long.class).single();
    if (max == 0) {
      return 0;
    }
    List<Count> sums = jdbc.sql("select object_type, field, purposes, sum(filled) from field_fill_count where id <= :max "
            + "group by object_type, field, purposes")
        .param("max", max)
        .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
    int folded = jdbc.sql("delete from field_fill_count where id <= :max").param("max", max).update();
    insert(sums);
    jdbc.sql("update fill_count_state set counted_at = :now where object_type = '~compaction'").param("now", now()).update();
    return folded;
  }

  /** Replaces a type's counts with a full recount and marks the type as counted. */
  public void replace(String objectType, List<Count> counts) {
    jdbc.sql("delete from field_fill_count where object_type = :t").param("t", objectType).update();
    insert(counts);
    markCounted(objectType);
  }

  public void markCounted(String objectType) {
    jdbc.sql("delete from fill_count_state where object_type = :t").param("t", objectType).update();
    jdbc.sql("insert into fill_count_state (object_type, counted_at) values (:t, :now)").param("t", objectType).param("now", now()).update();
  }

  public Set<String> counted() {
    return Set.copyOf(jdbc.sql("select object_type from fill_count_state").query(String.class).list());
  }

  private void insert(List<Count> counts) {
    List<Object[]> rows = new ArrayList<>();
    for (Count c : counts) {
      if (c.filled() != 0) {
        rows.add(new Object[] {c.objectType(), c.field(), c.purposes(), c.filled()});
      }
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into field_fill_count (object_type, field, purposes, filled) values (?, ?, ?, ?)", rows);
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
