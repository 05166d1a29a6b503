package io.steward.audit.verify;

import io.steward.audit.VerificationReport.ChainBreak;
import io.steward.audit.VerificationReport.Kind;
import io.steward.audit.chain.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Holds the record index of one range of seq against the events' hashed {@code record_ids}: the index is what a
 * record's Access history reads, so an entry removed would hide an event from it and an entry added would blame an
 * event on a record it never named. For each event, the ids on its row ({@code audit_event.record_id}) and in
 * {@code audit_event_record} together must be exactly the distinct ids of its {@code record_ids} (the first one on
 * the row since the column exists, all of them in the table for older events).
 *
 * <p>Reads the table's rows of the range once, in seq order, alongside the events: an event naming one record
 * (the commonest) has no table rows and is checked by comparing bytes.
 */
final class RecordIndexCheck implements AutoCloseable {

  private static final byte[] EMPTY_LIST = "[]".getBytes(StandardCharsets.US_ASCII);

  private final PreparedStatement statement;
  private final ResultSet further;
  /** The table row the cursor is on, or {@code Long.MAX_VALUE} when there are no more. */
  private long furtherSeq;

  /** Opens the cursor over audit_event_record for seq in [from, toExclusive), on the events' connection. */
  RecordIndexCheck(Connection c, long from, long toExclusive, int fetchSize) throws SQLException {
    statement = c.prepareStatement("select seq, record_id from audit_event_record where seq >= ? and seq < ? order by seq");
    statement.setFetchSize(fetchSize);
    statement.setLong(1, from);
    statement.setLong(2, toExclusive);
    further = statement.executeQuery();
    advance();
  }

  /**
   * @param seq       the event's seq; every seq of the range arrives, in order (a gap is reported before this), so
   *                  the table's rows for earlier seqs have all been taken
   * @param recordIds its hashed {@code record_ids} (canonical JSON, as stored)
   * @param onRow     its {@code record_id} column as stored, or null
   * @return the break, or null if the index names exactly the event's records
   */
  ChainBreak check(long seq, byte[] recordIds, byte[] onRow) throws SQLException {
    if (furtherSeq != seq && namesExactly(recordIds, onRow)) {
      return null;
    }
    Set<String> indexed = new HashSet<>();
    int entries = 0;
    if (onRow != null) {
      indexed.add(new String(onRow, StandardCharsets.UTF_8));
      entries++;
    }
    while (furtherSeq == seq) {
      indexed.add(further.getString(2));
      entries++;
      advance();
    }
    Set<String> named;
    try {
      named = new HashSet<>(Json.parseStringList(new String(recordIds, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return broken(seq, "seq " + seq + " names its records in a form the audit writer never writes");
    }
    if (entries != indexed.size() || !indexed.equals(named)) {
      Set<String> missing = new HashSet<>(named);
      missing.removeAll(indexed);
      Set<String> added = new HashSet<>(indexed);
      added.removeAll(named);
      return broken(seq, "the record index of seq " + seq + " does not match the records the event names (" + missing.size() + " missing, "
          + added.size() + " added, " + (entries - indexed.size()) + " repeated)");
    }
    return null;
  }

  /** Whether record_ids is exactly [] with no id on the row, or exactly ["id"] with that id on the row (no escapes). */
  private static boolean namesExactly(byte[] recordIds, byte[] onRow) {
    if (onRow == null) {
      return Arrays.equals(recordIds, EMPTY_LIST);
    }
    int n = onRow.length;
    if (recordIds.length != n + 4 || recordIds[0] != '[' || recordIds[1] != '"' || recordIds[n + 2] != '"' || recordIds[n + 3] != ']') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      byte b = onRow[i];
      if (recordIds[i + 2] != b || b == '"' || b == '\\') {
        return false;
      }
    }
    return true;
  }

  private void advance() throws SQLException {
    furtherSeq = further.next() ? further.getLong(1) : Long.MAX_VALUE;
  }

  private static ChainBreak broken(long seq, String detail) {
    return new ChainBreak(Kind.RECORD_INDEX, seq, detail);
  }

  @Override
  public void close() throws SQLException {
    try {
      further.close();
    } finally {
      statement.close();
    }
  }
}
