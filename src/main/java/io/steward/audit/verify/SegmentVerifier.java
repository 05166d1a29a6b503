package io.steward.audit.verify;

import io.steward.audit.VerificationReport.ChainBreak;
import io.steward.audit.VerificationReport.Kind;
import io.steward.audit.chain.ChainHasher;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.Checkpoint;
import io.steward.audit.store.AuditRows;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.NavigableMap;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import javax.sql.DataSource;

/**
 * Verifies one range of seq on a connection of its own, hashing the stored bytes as they arrive (no text
 * decoding on the happy path). The range starts after a claimed hash: the anchor's, or the stored hash of
 * the row before, which the previous range verifies. Each event's record index entries are checked against it
 * too ({@link RecordIndexCheck}); index rows beyond the last event are not (nothing reads them until an event
 * with that seq exists, and then they are checked with it).
 */
final class SegmentVerifier implements Callable<SegmentVerifier.Result> {

  private static final int FETCH_SIZE = 5000;
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** What one range found; {@code found} is its first break, if any. */
  record Result(long checked, long lastSeq, String lastHash, ChainBreak found) {}

  private final DataSource dataSource;
  private final long from;
  private final long toExclusive;
  private final String prevHash;
  private final long checkpointBefore;
  private final NavigableMap<Long, Checkpoint> checkpoints;
  private final LongFunction<String> where;

  /**
   * @param from             first seq of the range
   * @param toExclusive      first seq after it, or {@link Long#MAX_VALUE} for the end of the trail
   * @param prevHash         the hash the first row must link to
   * @param checkpointBefore the last checkpoint (or anchor) before the range, for messages
   */
  SegmentVerifier(DataSource dataSource, long from, long toExclusive, String prevHash, long checkpointBefore,
      NavigableMap<Long, Checkpoint> checkpoints, LongFunction<String> where) {
    this.dataSource = dataSource;
    this.from = from;
    this.toExclusive = toExclusive;
    this.prevHash = prevHash;
    this.checkpointBefore = checkpointBefore;
    this.checkpoints = checkpoints;
    this.where = where;
  }

  @Override
  public Result call() throws SQLException {
    ChainHasher hasher = new ChainHasher();
    byte[][] texts = new byte[11][];
    byte[] computedHex = new byte[64];
    byte[] prevHex = prevHash.getBytes(StandardCharsets.US_ASCII);
    byte[] prevRaw = prevHash.length() == 64 ? HexFormat.of().parseHex(prevHash) : new byte[0];
    long expected = from;
    long checked = 0;
    long lastCheckpoint = checkpointBefore;
    Long nextCheckpoint = checkpoints.ceilingKey(from);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      // One snapshot for both cursors, so the record index is read as of the same moment as the events.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (PreparedStatement ps = c.prepareStatement("select " + AuditRows.COLUMNS + ", record_id from audit_event where seq >= ? and seq < ? order by seq");
          RecordIndexCheck index = new RecordIndexCheck(c, from, toExclusive, FETCH_SIZE)) {
        ps.setFetchSize(FETCH_SIZE);
        if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
          // Binary results: PostgreSQL sends the timestamp as 8 bytes instead of formatting it as text.
          ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
        ps.setLong(1, from);
        ps.setLong(2, toExclusive);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            if (seq != expected) {
              String missing = "seq " + expected + (seq == expected + 1 ? "" : ".." + (seq - 1)) + " missing";
              return new Result(checked, expected - 1, null, new ChainBreak(Kind.DELETED, expected, missing));
            }
            long micros = ChainHasher.micros(AuditRows.instant(rs, 2));
            for (int i = 0; i < 11; i++) {
              texts[i] = rs.getBytes(3 + i);
            }
            byte[] storedPrev = rs.getBytes(14);
            byte[] storedHash = rs.getBytes(15);
            byte[] digest = hasher.digest(seq, prevRaw, micros, texts);
            hex(digest, computedHex);
            if (!Arrays.equals(storedPrev, prevHex) || !Arrays.equals(storedHash, computedHex)) {
              ChainRow row = AuditRows.read(rs);
              ChainRow next = rs.next() ? AuditRows.read(rs) : null;
              return new Result(checked, expected - 1, null, new BreakClassifier(hasher).classify(row, ascii(prevHex), next));
            }
            ChainBreak unindexed = index.check(seq, texts[3], rs.getBytes(16));
            if (unindexed != null) {
              return new Result(checked, expected - 1, null, unindexed);
            }
            if (nextCheckpoint != null && seq == nextCheckpoint) {
              if (!checkpoints.get(seq).hash().equals(ascii(storedHash))) {
                return new Result(checked, expected - 1, null, new ChainBreak(Kind.REWRITTEN, lastCheckpoint + 1, "the events from seq "
                    + (lastCheckpoint + 1) + " to " + seq + " do not match the signed checkpoint " + where.apply(seq)
                    + ": they were rewritten and re-hashed"));
              }
              lastCheckpoint = seq;
              nextCheckpoint = checkpoints.higherKey(seq);
            }
            checked++;
            prevRaw = digest;
            prevHex = storedHash;
            expected++;
          }
        }
      } finally {
        c.rollback();
      }
    }
    if (toExclusive != Long.MAX_VALUE && expected != toExclusive) {
      String missing = "seq " + expected + (expected + 1 == toExclusive ? "" : ".." + (toExclusive - 1)) + " missing";
      return new Result(checked, expected - 1, null, new ChainBreak(Kind.DELETED, expected, missing));
    }
    return new Result(checked, expected - 1, ascii(prevHex), null);
  }

  private static void hex(byte[] digest, byte[] out) {
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
