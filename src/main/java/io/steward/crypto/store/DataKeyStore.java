package io.steward.crypto.store;

import io.steward.shared.RecordId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key store: each record tier's data key, wrapped by that tier's key-encryption key. Kept in its own
 * table, apart from record data, so that erasing a row shreds the record and a backup of record tables
 * alone reveals nothing.
 */
public class DataKeyStore {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public DataKeyStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  public record WrappedKey(UUID recordId, String objectType, String tier, int kekId, byte[] wrapped) {
    @Override
    public String toString() {
      return "WrappedKey[" + recordId + "/" + tier + ", kek=" + kekId + "]";
    }
  }

  /** Stores data keys of tiers that have none yet, in one batch. */
  public void insertAll(List<WrappedKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    List<Object[]> rows = new java.util.ArrayList<>(keys.size());
    for (WrappedKey k : keys) {
      rows.add(new Object[] {k.recordId(), k.objectType(), k.tier(), k.kekId(), k.wrapped(), now});
    }
    batch.batchUpdate("insert into data_key (record_id, object_type, tier, kek_id, wrapped, created_at) values (?, ?, ?, ?, ?, ?)", rows);
  }

  public Map<UUID, Map<String, WrappedKey>> find(Collection<RecordId> ids) {
    Map<UUID, Map<String, WrappedKey>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    List<UUID> uuids = ids.stream().map(RecordId::value).distinct().toList();
    for (int from = 0; from < uuids.size(); from += 500) {
      List<UUID> chunk = uuids.subList(from, Math.min(uuids.size(), from + 500));
      jdbc.sql("select record_id, object_type, tier, kek_id, wrapped from data_key where record_id in (:ids)")
          .param("ids", chunk)
          // Interned: the key cache keeps many of these, and they name a handful of object types and tiers.
          .query((rs, n) -> new WrappedKey(rs.getObject(1, UUID.class), rs.getString(2).intern(), rs.getString(3).intern(), rs.getInt(4), rs.getBytes(5)))
          .list()
          .forEach(k -> result.computeIfAbsent(k.recordId(), x -> new HashMap<>()).put(k.tier(), k));
    }
    return result;
  }

  public int delete(RecordId id) {
    return jdbc.sql("delete from data_key where record_id = :id").param("id", id.value()).update();
  }

  /** Data keys of a tier not yet wrapped by the given key, in record id order after a cursor: the rotation's work list. */
  public List<WrappedKey> notWrappedBy(String tier, int kekId, UUID after, int limit) {
    // No sentinel "smallest UUID": H2 and PostgreSQL order UUIDs differently, so the first page has no cursor at all.
    return jdbc.sql("select record_id, object_type, tier, kek_id, wrapped from data_key where tier = :tier and kek_id <> :kek"
            + (after == null ? "" : " and record_id > :after") + " order by record_id limit :limit")
        .params(after == null ? Map.of() : Map.of("after", after))
        .param("tier", tier)
        .param("kek", kekId)
        .param("limit", limit)
        .query((rs, n) -> new WrappedKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBytes(5)))
        .list();
  }

  /**
   * Re-wraps keys of one tier in one statement (a statement per key costs PostgreSQL more than the update itself).
   * {@code olds} must be in the order {@link #notWrappedBy} returned them. A key whose wrapped bytes changed since it
   * was read is left alone: only a concurrent rotation sweep re-wraps keys, and the next sweep finds whatever is
   * still under an old key.
   */
  public void rewrap(String tier, List<WrappedKey> olds, int newKekId, List<byte[]> wrapped) {
    if (olds.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("merge into data_key d using (values ");
    List<Object> args = new java.util.ArrayList<>(olds.size() * 3 + 2);
    for (int i = 0; i < olds.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(cast(? as uuid), cast(? as bytea), cast(? as bytea))");
      args.add(olds.get(i).recordId());
      args.add(wrapped.get(i));
      args.add(olds.get(i).wrapped());
    }
    // The batch is a run of record ids in the database's own order (see notWrappedBy): bounding the key store to that
    // run lets PostgreSQL read those rows by index instead of scanning the whole table for every batch.
    sql.append(") as v (record_id, wrapped, old) on d.record_id = v.record_id and d.tier = ? and d.wrapped = v.old"
        + " and d.record_id >= ? and d.record_id <= ? when matched then update set kek_id = ?, wrapped = v.wrapped");
    args.add(tier);
    args.add(olds.get(0).recordId());
    args.add(olds.get(olds.size() - 1).recordId());
    args.add(newKekId);
    batch.update(sql.toString(), args.toArray()); // one statement: one transaction of its own unless the caller has one
  }

  public long countNotWrappedBy(String tier, int kekId) {
    return jdbc.sql("select count(*) from data_key where tier = :tier and kek_id <> :kek")
        .param("tier", tier)
        .param("kek", kekId)
        .query(Long.class)
        .single();
  }

  /** How many data keys each key-encryption key wraps, per tier: what a retirement would break. */
  public Map<String, Map<Integer, Long>> countByKek() {
    Map<String, Map<Integer, Long>> out = new HashMap<>();
    jdbc.sql("select tier, kek_id, count(*) from data_key group by tier, kek_id")
        .query((rs, n) -> out.computeIfAbsent(rs.getString(1), t -> new java.util.TreeMap<>()).put(rs.getInt(2), rs.getLong(3)))
        .list();
    return out;
  }

  public long count() {
    return jdbc.sql("select count(*) from data_key").query(Long.class).single();
  }
}
