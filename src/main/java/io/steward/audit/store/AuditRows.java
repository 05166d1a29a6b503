package io.steward.audit.store;

import io.steward.audit.chain.ChainRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/** The audit_event columns in one order, and the mapping between them and {@link ChainRow}. */
public final class AuditRows {

  public static final String COLUMNS =
      "seq, at, action, actor_id, object_type, record_ids, fields, reason, outcome, ip, user_agent, request_id, details, prev_hash, hash";

  private AuditRows() {}

  public static ChainRow read(ResultSet rs) throws SQLException {
    return new ChainRow(
        rs.getLong(1),
        instant(rs, 2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15));
  }

  public static final int COLUMN_COUNT = 15;

  /** The text columns, third to fifteenth of {@link #COLUMNS} in that order (after seq and at): what both binds write. */
  private static final List<Function<ChainRow, String>> TEXT_COLUMNS = List.of(ChainRow::action, ChainRow::actorId, ChainRow::objectType,
      ChainRow::recordIds, ChainRow::fields, ChainRow::reason, ChainRow::outcome, ChainRow::ip, ChainRow::userAgent, ChainRow::requestId,
      ChainRow::details, ChainRow::prevHash, ChainRow::hash);

  /**
   * The columns an append writes: the hashed ones, then {@code record_id}, the first record the event names (an
   * index of {@code record_ids}, like audit_event_record; not hashed, but {@code audit verify} holds it against record_ids).
   */
  public static final String INSERT_COLUMNS = COLUMNS + ", record_id";

  public static final int INSERT_COLUMN_COUNT = COLUMN_COUNT + 1;

  /**
   * The rows as {@code select … from unnest(…)} over one array parameter per column, in {@link #INSERT_COLUMNS}
   * order (PostgreSQL; see {@link #bindArrays}). {@code at} travels as ISO-8601 text.
   */
  public static final String SELECT_FROM_ARRAYS =
      "select seq, at::timestamptz, action, actor_id, object_type, record_ids, fields, reason, outcome, ip, user_agent, request_id, details, prev_hash, hash, record_id"
          + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as v(" + INSERT_COLUMNS + ")";

  public static void bind(PreparedStatement ps, ChainRow r) throws SQLException {
    bind(ps, 0, r);
  }

  /** Binds the row's columns to parameters offset + 1 .. offset + 15 (multi-row inserts). */
  public static void bind(PreparedStatement ps, int offset, ChainRow r) throws SQLException {
    ps.setLong(offset + 1, r.seq());
    ps.setObject(offset + 2, timestamp(r.at()));
    for (int i = 0; i < TEXT_COLUMNS.size(); i++) {
      ps.setString(offset + 3 + i, TEXT_COLUMNS.get(i).apply(r));
    }
  }

  /** Binds the row and its first record ({@link #INSERT_COLUMNS}) to parameters offset + 1 .. offset + 16. */
  public static void bind(PreparedStatement ps, int offset, ChainRow r, String recordId) throws SQLException {
    bind(ps, offset, r);
    ps.setString(offset + 16, recordId);
  }

  /**
   * Binds the rows and their first records column by column, one array each, to parameters offset + 1 .. offset + 16
   * ({@link #SELECT_FROM_ARRAYS}).
   */
  public static void bindArrays(Connection c, PreparedStatement ps, int offset, List<ChainRow> rows, List<String> recordIds) throws SQLException {
    ps.setArray(offset + 1, c.createArrayOf("bigint", rows.stream().map(ChainRow::seq).toArray(Long[]::new)));
    ps.setArray(offset + 2, textArray(c, rows, r -> r.at().toString()));
    for (int i = 0; i < TEXT_COLUMNS.size(); i++) {
      ps.setArray(offset + 3 + i, textArray(c, rows, TEXT_COLUMNS.get(i)));
    }
    ps.setArray(offset + 16, c.createArrayOf("text", recordIds.toArray(String[]::new)));
  }

  private static Array textArray(Connection c, List<ChainRow> rows, Function<ChainRow, String> column) throws SQLException {
    return c.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
  }

  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  public static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
