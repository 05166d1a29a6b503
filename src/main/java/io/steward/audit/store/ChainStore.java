package io.steward.audit.store;

import io.steward.audit.AuditEvent;
import io.steward.audit.chain.ChainHasher;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.Checkpoint;
import io.steward.crypto.KeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The append transaction, on a connection the caller owns: lock the chain head (the one row of audit_head,
 * so appenders on every node take turns), number and hash the events after it, batch-insert them and their
 * record index entries (the first record an event names on its own row, further ones in audit_event_record),
 * sign a checkpoint when one is due, move the head. The caller commits. On PostgreSQL the usual append is one
 * statement (see {@link #append}); a failed attempt rolls the caller's transaction back first.
 */
public final class ChainStore {

  private static final String LOCK_HEAD = "select seq, hash, checkpoint_seq, checkpoint_at from audit_head where id = 1 for update";
  private static final String INSERT_EVENT_PREFIX = "insert into audit_event (" + AuditRows.INSERT_COLUMNS + ") values ";
  private static final String INSERT_RECORD_PREFIX = "insert into audit_event_record (record_id, seq) values ";
  private static final int ROWS_PER_INSERT = 50;
  private static final String INSERT_CHECKPOINT = "insert into audit_checkpoint (seq, hash, at, signature) values (?, ?, ?, ?)";
  private static final String MOVE_HEAD = "update audit_head set seq = ?, hash = ?, checkpoint_seq = ?, checkpoint_at = ? where id = 1";

  /**
   * The one-statement append (PostgreSQL): move the head if it is still where this store left it, and only then
   * insert the events and their record index rows, each column passed as one array. The text is the same for any
   * number of events, so PostgreSQL parses and plans it once per connection.
   */
  private static final String APPEND_AFTER_KNOWN_HEAD =
      "with h as (update audit_head set seq = ?, hash = ? where id = 1 and seq = ? and hash = ? returning 1), "
          + "e as (insert into audit_event (" + AuditRows.INSERT_COLUMNS + ") " + AuditRows.SELECT_FROM_ARRAYS + " where exists (select 1 from h)), "
          + "r as (insert into audit_event_record (record_id, seq) select * from unnest(?::text[], ?::bigint[]) where exists (select 1 from h)) "
          + "select count(*) from h";

  private final KeyRing keys;
  private final int checkpointEvery;
  private final Duration checkpointInterval;
  /** The head this store last moved the chain to (committed or not): what the next one-statement append expects. */
  private volatile Head last;
  /** Whether the database runs data-modifying common table expressions (PostgreSQL; H2 does not). */
  private volatile Boolean oneStatement;

  public ChainStore(KeyRing keys, int checkpointEvery, Duration checkpointInterval) {
    this.keys = keys;
    this.checkpointEvery = checkpointEvery;
    this.checkpointInterval = checkpointInterval;
  }

  /** What one append wrote. */
  public record Appended(List<ChainRow> rows, Optional<Checkpoint> checkpoint) {}

  /**
   * Appends the events after the head. On PostgreSQL, when this store knows the head (it moved it last) and no
   * checkpoint is due after these events, the whole append is one statement: move the head if it is still where this
   * store left it, insert the events and their record index rows (one round trip instead of four). If another
   * appender moved the head meanwhile, that statement is rolled back and the append takes the locking path in a new
   * transaction.
   */
  public Appended append(Connection c, List<AuditEvent> events, Instant now) throws SQLException {
    Head known = last;
    if (known != null && supportsOneStatement(c)) {
      Optional<Appended> appended = appendAfterKnownHead(c, known, events, now);
      if (appended.isPresent()) {
        return appended.get();
      }
    }
    Head head = lockHead(c);
    List<ChainRow> rows = chain(head, events);
    insert(c, rows, events);
    ChainRow tail = rows.get(rows.size() - 1);
    Head moved = new Head(tail.seq(), tail.hash(), head.checkpointSeq, head.checkpointAt);
    Optional<Checkpoint> checkpoint = checkpointIfDue(c, moved, now);
    return new Appended(rows, checkpoint);
  }

  /** Signs a checkpoint if the interval has passed since the last one and events came since; for idle times. */
  public Optional<Checkpoint> checkpointIfDue(Connection c, Instant now) throws SQLException {
    return checkpointIfDue(c, lockHead(c), now);
  }

  /** Signs a checkpoint at the head now, whatever the policy says (retention and tests). */
  public Optional<Checkpoint> checkpointNow(Connection c, Instant now) throws SQLException {
    Head head = lockHead(c);
    if (head.seq == head.checkpointSeq) {
      return Optional.empty();
    }
    return Optional.of(writeCheckpoint(c, head, now));
  }

  private boolean due(Head head, Instant now) {
    return head.seq > head.checkpointSeq
        && (head.seq - head.checkpointSeq >= checkpointEvery || !head.checkpointAt.plus(checkpointInterval).isAfter(now));
  }

  private boolean supportsOneStatement(Connection c) throws SQLException {
    Boolean supported = oneStatement;
    if (supported == null) {
      supported = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgresql");
      oneStatement = supported;
    }
    return supported;
  }

  /** The one-statement append; empty (and the transaction rolled back) if the head is not where this store left it. */
  private Optional<Appended> appendAfterKnownHead(Connection c, Head known, List<AuditEvent> events, Instant now) throws SQLException {
    if (due(new Head(known.seq + events.size(), known.hash, known.checkpointSeq, known.checkpointAt), now)) {
      return Optional.empty(); // a checkpoint is due after these events: the locking path writes it
    }
    List<ChainRow> rows = chain(known, events);
    List<RecordRef> refs = refs(rows, events);
    ChainRow tail = rows.get(rows.size() - 1);
    Head moved = new Head(tail.seq(), tail.hash(), known.checkpointSeq, known.checkpointAt);
    boolean headMoved;
    try (PreparedStatement ps = c.prepareStatement(APPEND_AFTER_KNOWN_HEAD)) {
      ps.setLong(1, tail.seq());
      ps.setString(2, tail.hash());
      ps.setLong(3, known.seq);
      ps.setString(4, known.hash);
      AuditRows.bindArrays(c, ps, 4, rows, events.stream().map(ChainStore::firstRecord).toList());
      ps.setArray(5 + AuditRows.INSERT_COLUMN_COUNT, c.createArrayOf("text", refs.stream().map(RecordRef::recordId).toArray(String[]::new)));
      ps.setArray(6 + AuditRows.INSERT_COLUMN_COUNT, c.createArrayOf("bigint", refs.stream().map(RecordRef::seq).toArray(Long[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        headMoved = rs.next() && rs.getLong(1) == 1;
      }
    } catch (SQLException e) {
      headMoved = false; // e.g. a deadlock with another node's appender, which PostgreSQL broke
    }
    if (!headMoved) {
      c.rollback();
      last = null;
      return Optional.empty();
    }
    last = moved;
    return Optional.of(new Appended(rows, Optional.empty()));
  }

  private static List<ChainRow> chain(Head head, List<AuditEvent> events) {
    ChainHasher hasher = new ChainHasher();
    List<ChainRow> rows = new ArrayList<>(events.size());
    long seq = head.seq;
    String prev = head.hash;
    for (AuditEvent e : events) {
      ChainRow row = ChainRow.append(++seq, prev, e, hasher);
      rows.add(row);
      prev = row.hash();
    }
    return rows;
  }

  /** The first record an event names, kept on its own row (audit_event.record_id); null if it names none. */
  private static String firstRecord(AuditEvent e) {
    return e.recordIds().isEmpty() ? null : e.recordIds().get(0);
  }

  /** audit_event_record rows: every further record the events name (the first is on the event's row). */
  private static List<RecordRef> refs(List<ChainRow> rows, List<AuditEvent> events) {
    List<RecordRef> refs = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      LinkedHashSet<String> further = new LinkedHashSet<>(events.get(i).recordIds());
      further.remove(firstRecord(events.get(i)));
      for (String recordId : further) {
        refs.add(new RecordRef(recordId, rows.get(i).seq()));
      }
    }
    return refs;
  }

  private Optional<Checkpoint> checkpointIfDue(Connection c, Head head, Instant now) throws SQLException {
    if (!due(head, now)) {
      moveHead(c, head);
      return Optional.empty();
    }
    return Optional.of(writeCheckpoint(c, head, now));
  }

  private Checkpoint writeCheckpoint(Connection c, Head head, Instant now) throws SQLException {
    Checkpoint cp = Checkpoint.sign(head.seq, head.hash, now, keys);
    try (PreparedStatement ps = c.prepareStatement(INSERT_CHECKPOINT)) {
      ps.setLong(1, cp.seq());
      ps.setString(2, cp.hash());
      ps.setObject(3, AuditRows.timestamp(cp.at()));
      ps.setString(4, cp.signature());
      ps.executeUpdate();
    }
    moveHead(c, new Head(head.seq, head.hash, cp.seq(), cp.at()));
    return cp;
  }

  private Head lockHead(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOCK_HEAD); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_head has no row: the audit migration did not run");
      }
      return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), AuditRows.instant(rs, 4));
    }
  }

  private void moveHead(Connection c, Head head) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(MOVE_HEAD)) {
      ps.setLong(1, head.seq);
      ps.setString(2, head.hash);
      ps.setLong(3, head.checkpointSeq);
      ps.setObject(4, AuditRows.timestamp(head.checkpointAt));
      ps.executeUpdate();
    }
    last = head;
  }

  /**
   * Multi-row inserts ({@code values (..), (..)}), batched: one statement per 50 rows instead of one per row
   * is what lets PostgreSQL keep up with group commit. Both databases accept the syntax.
   */
  private void insert(Connection c, List<ChainRow> rows, List<AuditEvent> events) throws SQLException {
    List<EventRow> eventRows = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      eventRows.add(new EventRow(rows.get(i), firstRecord(events.get(i))));
    }
    insertRows(c, INSERT_EVENT_PREFIX, AuditRows.INSERT_COLUMN_COUNT, eventRows, (ps, offset, e) -> AuditRows.bind(ps, offset, e.row(), e.recordId()));
    insertRows(c, INSERT_RECORD_PREFIX, 2, refs(rows, events), ChainStore::bindRef);
  }

  /** Binds an audit_event_record row (record_id, seq) to parameters offset + 1 and offset + 2. */
  private static void bindRef(PreparedStatement ps, int offset, RecordRef ref) throws SQLException {
    ps.setString(offset + 1, ref.recordId());
    ps.setLong(offset + 2, ref.seq());
  }

  private static <T> void insertRows(Connection c, String prefix, int columns, List<T> rows, Binder<T> binder) throws SQLException {
    int full = rows.size() / ROWS_PER_INSERT;
    int rest = rows.size() % ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(multiRow(prefix, columns, ROWS_PER_INSERT))) {
        for (int chunk = 0; chunk < full; chunk++) {
          for (int r = 0; r < ROWS_PER_INSERT; r++) {
            binder.bind(ps, r * columns, rows.get(chunk * ROWS_PER_INSERT + r));
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(multiRow(prefix, columns, rest))) {
        for (int r = 0; r < rest; r++) {
          binder.bind(ps, r * columns, rows.get(full * ROWS_PER_INSERT + r));
        }
        ps.executeUpdate();
      }
    }
  }

  private static String multiRow(String prefix, int columns, int rows) {
    String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
    StringBuilder sql = new StringBuilder(prefix.length() + rows * (tuple.length() + 2)).append(prefix);
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append(tuple);
    }
    return sql.toString();
  }

  private interface Binder<T> {
    void bind(PreparedStatement ps, int offset, T row) throws SQLException;
  }

  private record EventRow(ChainRow row, String recordId) {}

  private record RecordRef(String recordId, long seq) {}

  private record Head(long seq, String hash, long checkpointSeq, Instant checkpointAt) {}
}
