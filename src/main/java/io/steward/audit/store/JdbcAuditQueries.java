package io.steward.audit.store;

import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.StoredAuditEvent;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.EventJson;
import io.steward.audit.chain.Json;
import io.steward.shared.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Reads the trail by filter; exports stream rows with a fetch size instead of loading them. */
public final class JdbcAuditQueries implements AuditQueries {

  private static final int FETCH_SIZE = 1000;
  private static final String[] CSV_HEADER = {
      "seq", "at", "action", "actor_id", "object_type", "record_ids", "fields", "reason", "outcome", "ip", "user_agent", "request_id",
      "details", "hash"};

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  public JdbcAuditQueries(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public Page<StoredAuditEvent> find(AuditFilter filter, int page, int size) {
    if (page < 0 || size < 1 || size > 1000) {
      throw new IllegalArgumentException("page must be >= 0 and size between 1 and 1000");
    }
    Where where = Where.of(filter);
    long total = jdbc.sql("select count(*) from audit_event" + where.sql).params(where.params).query(Long.class).single();
    List<StoredAuditEvent> items = jdbc.sql("select " + AuditRows.COLUMNS + " from audit_event" + where.sql + " order by seq desc limit :limit offset :offset")
        .params(where.params)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query((rs, n) -> AuditRows.read(rs).toStored())
        .list();
    return new Page<>(items, page, size, total);
  }

  @Override
  public List<IpCount> countByIp(AuditFilter filter) {
    Where where = Where.of(filter);
    String sql = "select ip, count(*) as n from audit_event" + where.sql + (where.sql.isEmpty() ? " where" : " and")
        + " ip is not null group by ip order by n desc, ip";
    return jdbc.sql(sql).params(where.params).query((rs, n) -> new IpCount(rs.getString(1), rs.getLong(2))).list();
  }

  @Override
  public long exportCsv(AuditFilter filter, Writer out) {
    try {
      CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(out);
      long n = stream(filter, r -> csv.printRecord(
          r.seq(), r.at(), cell(r.action()), cell(r.actorId()), cell(r.objectType()), cell(String.join(" ", Json.parseStringList(r.recordIds()))),
          cell(String.join(" ", Json.parseStringList(r.fields()))), cell(r.reason()), cell(r.outcome()), cell(r.ip()), cell(r.userAgent()),
          cell(r.requestId()), cell(r.details()), r.hash()));
      csv.flush();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long exportJsonLines(AuditFilter filter, Writer out) {
    try {
      long n = stream(filter, r -> out.write(EventJson.line(r) + "\n"));
      out.flush();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cell that a spreadsheet would run as a formula (a user agent is client-controlled) is made inert. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
  }

  private long stream(AuditFilter filter, RowSink sink) {
    Where where = Where.of(filter);
    long[] count = new long[1];
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams with a fetch size only inside a transaction.
      c.setAutoCommit(false);
      try {
        JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(c, true));
        template.setFetchSize(FETCH_SIZE);
        JdbcClient.create(template).sql("select " + AuditRows.COLUMNS + " from audit_event" + where.sql + " order by seq")
            .params(where.params)
            .query((ResultSet rs) -> {
              try {
                sink.accept(AuditRows.read(rs));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              count[0]++;
            });
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the audit trail", e);
    }
    return count[0];
  }

  private interface RowSink {
    void accept(ChainRow row) throws IOException;
  }

  /** The filter as a where clause with named parameters. */
  private record Where(String sql, Map<String, Object> params) {

    static Where of(AuditFilter f) {
      StringBuilder sql = new StringBuilder();
      Map<String, Object> params = new HashMap<>();
      add(sql, params, "actor_id = :actor", "actor", f.actorId());
      if (!f.actions().isEmpty()) {
        add(sql, params, "action in (:actions)", "actions", List.copyOf(f.actions()));
      }
      add(sql, params, "object_type = :type", "type", f.objectType());
      add(sql, params, "seq in (select seq from audit_event where record_id = :record union all select seq from audit_event_record where record_id = :record)", "record", f.recordId());
      add(sql, params, "at >= :from", "from", AuditRows.timestamp(f.from()));
      add(sql, params, "at < :to", "to", AuditRows.timestamp(f.to()));
      add(sql, params, "ip = :ip", "ip", f.ip());
      add(sql, params, "outcome = :outcome", "outcome", f.outcome());
      return new Where(sql.toString(), params);
    }

    private static void add(StringBuilder sql, Map<String, Object> params, String condition, String name, Object value) {
      if (value == null) {
        return;
      }
      sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
      params.put(name, value);
    }
  }
}
