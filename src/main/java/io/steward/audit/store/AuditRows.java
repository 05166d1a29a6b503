package io.steward.audit.store;

import io.steward.audit.chain.ChainRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

  public static void bind(PreparedStatement ps, ChainRow r) throws SQLException {
    ps.setLong(1, r.seq());
    ps.setObject(2, timestamp(r.at()));
    ps.setString(3, r.action());
    ps.setString(4, r.actorId());
    ps.setString(5, r.objectType());
    ps.setString(6, r.recordIds());
    ps.setString(7, r.fields());
    ps.setString(8, r.reason());
    ps.setString(9, r.outcome());
    ps.setString(10, r.ip());
    ps.setString(11, r.userAgent());
    ps.setString(12, r.requestId());
    ps.setString(13, r.details());
    ps.setString(14, r.prevHash());
    ps.setString(15, r.hash());
  }

  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  public static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
