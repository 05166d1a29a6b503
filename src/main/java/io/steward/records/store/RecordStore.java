package io.steward.records.store;

import io.steward.shared.RecordId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record, index and change tables: every SQL statement about records is here. */
@Repository
public class RecordStore {

  /** A record as stored: plain JSON and sealed tiers, never plaintext of protected values. */
  public record StoredRecord(
      UUID id, String objectType, UUID ownerId, String team, long version, Instant createdAt, Instant updatedAt, String purposes,
      String plain, byte[] personal, byte[] sensitive) {
    @Override
    public String toString() {
      return "StoredRecord[" + objectType + " " + id + "]";
    }
  }

  public record IndexEntry(String field, String token) {}

  public record Change(long seq, UUID recordId, String objectType, String op) {}

  private static final String CHANGE = "insert into record_change (record_id, object_type, op, at) values (?, ?, ?, ?)";
  private static final String COLUMNS = "id, object_type, owner_id, team, version, created_at, updated_at, purposes, plain, personal, sensitive";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public RecordStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** Inserts new records, and their entries in the change feed, in one batch each. */
  public void insertAll(List<StoredRecord> records) {
    List<Object[]> rows = new ArrayList<>(records.size());
    List<Object[]> changes = new ArrayList<>(records.size());
    for (StoredRecord r : records) {
      rows.add(new Object[] {r.id(), r.objectType(), r.ownerId(), r.team(), r.version(), ts(r.createdAt()), ts(r.updatedAt()), r.purposes(),
          r.plain(), r.personal(), r.sensitive()});
      changes.add(new Object[] {r.id(), r.objectType(), "upsert", ts(r.updatedAt())});
    }
    batch.batchUpdate("insert into record (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    batch.batchUpdate(CHANGE, changes);
  }

  /** Writes a new version only if the stored one is still {@code expectedVersion}; false means a conflict. */
  public boolean update(StoredRecord r, long expectedVersion) {
    int n = jdbc.sql("""
            update record set version = :version, updated_at = :updated, owner_id = :owner, team = :team, purposes = :purposes,
              plain = :plain, personal = :personal, sensitive = :sensitive
            where id = :id and version = :expected""")
        .param("id", r.id())
        .param("version", r.version())
        .param("updated", ts(r.updatedAt()))
        .param("owner", r.ownerId())
        .param("team", r.team())
        .param("purposes", r.purposes())
        .param("plain", r.plain())
        .param("personal", r.personal())
        .param("sensitive", r.sensitive())
        .param("expected", expectedVersion)
        .update();
    if (n == 1) {
      change(r.id(), r.objectType(), "upsert", r.updatedAt());
    }
    return n == 1;
  }

  public boolean delete(String objectType, UUID id) {
    jdbc.sql("delete from record_index where record_id = :id").param("id", id).update();
    jdbc.sql("delete from record_purpose where record_id = :id").param("id", id).update();
    boolean deleted = jdbc.sql("delete from record where id = :id and object_type = :type").param("id", id).param("type", objectType).update() == 1;
    if (deleted) {
      change(id, objectType, "delete", Instant.now());
    }
    return deleted;
  }

  public Optional<StoredRecord> find(String objectType, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from record where id = :id and object_type = :type")
        .param("id", id)
        .param("type", objectType)
        .query(RecordStore::map)
        .optional();
  }

  public List<StoredRecord> findAll(String objectType, Collection<UUID> ids) {
    List<StoredRecord> out = new ArrayList<>(ids.size());
    List<UUID> list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 500) {
      out.addAll(jdbc.sql("select " + COLUMNS + " from record where object_type = :type and id in (:ids)")
          .param("type", objectType)
          .param("ids", list.subList(from, Math.min(list.size(), from + 500)))
          .query(RecordStore::map)
          .list());
    }
    return out;
  }

  /**
   * Walks every record of a type in id order, a batch at a time (index builds, scans, exports). Both databases
   * order uuids as unsigned bytes, so the walk starts below the all-zero uuid, not below Java's signed minimum.
   */
  public List<StoredRecord> scan(String objectType, UUID after, int limit) {
    if (after == null) {
      return jdbc.sql("select " + COLUMNS + " from record where object_type = :type order by id limit :limit")
          .param("type", objectType)
          .param("limit", limit)
          .query(RecordStore::map)
          .list();
    }
    return jdbc.sql("select " + COLUMNS + " from record where object_type = :type and id > :after order by id limit :limit")
        .param("type", objectType)
        .param("after", after)
        .param("limit", limit)
        .query(RecordStore::map)
        .list();
  }

  public long count(String objectType) {
    return jdbc.sql("select count(*) from record where object_type = :type").param("type", objectType).query(Long.class).single();
  }

  public long countAll() {
    return jdbc.sql("select count(*) from record").query(Long.class).single();
  }

  public void replaceIndex(String objectType, UUID id, Collection<IndexEntry> entries) {
    jdbc.sql("delete from record_index where record_id = :id").param("id", id).update();
    insertIndex(objectType, Map.of(id, entries));
  }

  /** Adds the index entries of records that have none yet, in one batch. */
  public void insertIndex(String objectType, Map<UUID, ? extends Collection<IndexEntry>> entriesById) {
    List<Object[]> rows = new ArrayList<>();
    entriesById.forEach((id, entries) -> {
      for (IndexEntry e : entries) {
        rows.add(new Object[] {objectType, e.field(), e.token(), id});
      }
    });
    if (!rows.isEmpty()) {
      batch.batchUpdate("insert into record_index (object_type, field, token, record_id) values (?, ?, ?, ?)", rows);
    }
  }

  public List<IndexEntry> indexOf(UUID id) {
    return jdbc.sql("select field, token from record_index where record_id = :id")
        .param("id", id)
        .query((rs, n) -> new IndexEntry(rs.getString(1), rs.getString(2)))
        .list();
  }

  /** Ids of records of a type whose field carries any of the tokens. */
  public Set<UUID> idsByTokens(String objectType, String field, Collection<String> tokens, int limit) {
    return new HashSet<>(jdbc.sql("select distinct record_id from record_index where object_type = :type and field = :field and token in (:tokens) limit :limit")
        .param("type", objectType)
        .param("field", field)
        .param("tokens", tokens)
        .param("limit", limit)
        .query(UUID.class)
        .list());
  }

  /** A record named by id and type, without its data. */
  public record RecordRef(UUID id, String objectType) {}

  /** How many records carry blind-index tokens (protected searchable fields). */
  public long countBlindIndexed() {
    return jdbc.sql("select count(distinct record_id) from record_index where token not like '=%'").query(Long.class).single();
  }

  /** Records, in id order after a cursor, holding a blind-index token not made with the key whose tokens start with the prefix. */
  public List<RecordRef> staleBlindIndexed(String currentPrefix, UUID after, int limit) {
    return jdbc.sql("select distinct record_id, object_type from record_index where token not like '=%' and token not like :prefix"
            + (after == null ? "" : " and record_id > :after") + " order by record_id limit :limit")
        .params(after == null ? java.util.Map.of() : java.util.Map.of("after", after))
        .param("prefix", currentPrefix + "%")
        .param("limit", limit)
        .query((rs, n) -> new RecordRef(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
  }

  /** Locks a record's row for the transaction if it is still at this version; false if it changed or is gone. */
  public boolean lockAtVersion(UUID id, long version) {
    return jdbc.sql("update record set version = version where id = :id and version = :version")
        .param("id", id)
        .param("version", version)
        .update() == 1;
  }

  /** Drops a record's blind-index tokens (it stays in the table, unsearchable by protected fields). */
  public int deleteBlindTokens(UUID id) {
    return jdbc.sql("delete from record_index where record_id = :id and token not like '=%'").param("id", id).update();
  }

  public List<Change> changesAfter(long seq, int limit) {
    return jdbc.sql("select seq, record_id, object_type, op from record_change where seq > :seq order by seq limit :limit")
        .param("seq", seq)
        .param("limit", limit)
        .query(RecordStore::change)
        .list();
  }

  /** The changes with these numbers that are visible now (committed since they were missed). */
  public List<Change> changesIn(Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select seq, record_id, object_type, op from record_change where seq in (:seqs) order by seq")
        .param("seqs", seqs)
        .query(RecordStore::change)
        .list();
  }

  public long lastChange() {
    return jdbc.sql("select coalesce(max(seq), 0) from record_change").query(Long.class).single();
  }

  public int pruneChanges(Instant before) {
    return jdbc.sql("delete from record_change where at < :before").param("before", ts(before)).update();
  }

  private void change(UUID id, String objectType, String op, Instant at) {
    batch.update(CHANGE, id, objectType, op, ts(at));
  }

  private static Change change(ResultSet rs, int n) throws SQLException {
    return new Change(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4));
  }

  public static RecordId idOf(StoredRecord r) {
    return new RecordId(r.id());
  }

  private static OffsetDateTime ts(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static StoredRecord map(ResultSet rs, int n) throws SQLException {
    return new StoredRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getLong(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8),
        rs.getString(9),
        rs.getBytes(10),
        rs.getBytes(11));
  }
}
