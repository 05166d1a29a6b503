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

  /**
   * The columns an append writes: the hashed ones, then {@code record_id}, the first record the event names (an
   * index of {@code record_ids}, like audit_event_record; not hashed).
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
    ps.setString(offset + 3, r.action());
    ps.setString(offset + 4, r.actorId());
    ps.setString(offset + 5, r.objectType());
    ps.setString(offset + 6, r.recordIds());
    ps.setString(offset + 7, r.fields());
    ps.setString(offset + 8, r.reason());
    ps.setString(offset + 9, r.outcome());
    ps.setString(offset + 10, r.ip());
    ps.setString(offset + 11, r.userAgent());
    ps.setString(offset + 12, r.requestId());
    ps.setString(offset + 13, r.details());
    ps.setString(offset + 14, r.prevHash());
    ps.setString(offset + 15, r.hash());
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
    ps.setArray(offset + 3, textArray(c, rows, ChainRow::action));
    ps.setArray(offset + 4, textArray(c, rows, ChainRow::actorId));
    ps.setArray(offset + 5, textArray(c, rows, ChainRow::objectType));
    ps.setArray(offset + 6, textArray(c, rows, ChainRow::recordIds));
    ps.setArray(offset + 7, textArray(c, rows, ChainRow::fields));
    ps.setArray(offset + 8, textArray(c, rows, ChainRow::reason));
    ps.setArray(offset + 9, textArray(c, rows, ChainRow::outcome));
    ps.setArray(offset + 10, textArray(c, rows, ChainRow::ip));
    ps.setArray(offset + 11, textArray(c, rows, ChainRow::userAgent));
    ps.setArray(offset + 12, textArray(c, rows, ChainRow::requestId));
    ps.setArray(offset + 13, textArray(c, rows, ChainRow::details));
    ps.setArray(offset + 14, textArray(c, rows, ChainRow::prevHash));
    ps.setArray(offset + 15, textArray(c, rows, ChainRow::hash));
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
