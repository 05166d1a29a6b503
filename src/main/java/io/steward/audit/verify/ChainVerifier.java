package io.steward.audit.verify;

import io.steward.audit.AuditVerifier;
import io.steward.audit.VerificationReport;
import io.steward.audit.VerificationReport.ChainBreak;
import io.steward.audit.VerificationReport.Kind;
import io.steward.audit.chain.ChainHasher;
import io.steward.audit.chain.ChainRow;
import io.steward.audit.chain.Checkpoint;
import io.steward.audit.chain.CheckpointFile;
import io.steward.audit.store.AuditRows;
import io.steward.crypto.KeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Streams the trail once, in seq order, recomputing every hash and link, and holds the chain against the
 * signed checkpoints of both the database and the external file. The file and the checkpoint table are read
 * before the events: everything they cover was committed first, so appends running meanwhile cannot be
 * mistaken for tampering.
 */
public final class ChainVerifier implements AuditVerifier {

  private static final int FETCH_SIZE = 5000;

  private final DataSource dataSource;
  private final KeyRing keys;
  private final CheckpointFile file;

  public ChainVerifier(DataSource dataSource, KeyRing keys, CheckpointFile file) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.file = file;
  }

  @Override
  public VerificationReport verify() {
    long started = System.nanoTime();
    List<Checkpoint> fromFile = file.readAll();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        Run run = new Run(c, fromFile);
        run.verify();
        return run.report(Duration.ofNanos(System.nanoTime() - started));
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the audit trail to verify it", e);
    }
  }

  private record Head(long seq, String hash) {}

  private final class Run {
    private final Connection c;
    private final List<Checkpoint> fromFile;
    private final ChainHasher hasher = new ChainHasher();
    private List<Checkpoint> fromTable = List.of();
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private long checked;
    private long firstSeq;
    private long lastSeq;
    private long anchorSeq;
    private ChainBreak found;

    Run(Connection c, List<Checkpoint> fromFile) {
      this.c = c;
      this.fromFile = fromFile;
    }

    VerificationReport report(Duration took) {
      return new VerificationReport(checked, firstSeq, lastSeq, anchorSeq, fromTable.size(), fromFile.size(), Optional.ofNullable(found), took);
    }

    void verify() throws SQLException {
      Head head = readHead();
      fromTable = readCheckpoints();
      if (!checkSignatures()) {
        return;
      }
      Checkpoint anchor = anchor(single("select min(seq) from audit_event"), head.seq());
      if (found != null) {
        return;
      }
      anchorSeq = anchor.seq();
      String lastHash = stream(anchor);
      if (found != null) {
        return;
      }
      long last = checked == 0 ? anchorSeq : lastSeq;
      long highestCheckpoint = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
      if (last < head.seq()) {
        found = new ChainBreak(Kind.TRUNCATED, last + 1, "the chain head says the trail ends at seq " + head.seq() + " but the last event is seq " + last);
      } else if (last < highestCheckpoint) {
        found = new ChainBreak(Kind.TRUNCATED, last + 1,
            "a signed checkpoint " + where(highestCheckpoint) + " covers seq " + highestCheckpoint + " but the last event is seq " + last);
      } else if (last == head.seq() && !head.hash().equals(lastHash)) {
        found = new ChainBreak(Kind.REWRITTEN, last, "the last event's hash is not the one the chain head recorded");
      } else {
        // Read again: events appended while we streamed are legitimate; only rows beyond the head are not.
        long headNow = readHead().seq();
        if (last > headNow) {
          found = new ChainBreak(Kind.INSERTED, headNow + 1, "events exist beyond the chain head (seq " + headNow + ")");
        }
      }
    }

    private Head readHead() throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select seq, hash from audit_head where id = 1"); ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("audit_head has no row");
        }
        return new Head(rs.getLong(1), rs.getString(2));
      }
    }

    private List<Checkpoint> readCheckpoints() throws SQLException {
      List<Checkpoint> list = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select seq, hash, at, signature from audit_checkpoint order by seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new Checkpoint(rs.getLong(1), rs.getString(2), AuditRows.instant(rs, 3), rs.getString(4)));
        }
      }
      return list;
    }

    /** Every checkpoint must carry a valid signature; the two copies must agree where both exist. */
    private boolean checkSignatures() {
      for (Checkpoint cp : fromTable) {
        if (!cp.signatureValid(keys)) {
          found = new ChainBreak(Kind.BAD_CHECKPOINT_SIGNATURE, cp.seq(), "the checkpoint at seq " + cp.seq() + " in the database is not validly signed");
          return false;
        }
        checkpoints.put(cp.seq(), cp);
      }
      for (Checkpoint cp : fromFile) {
        if (!cp.signatureValid(keys)) {
          found = new ChainBreak(Kind.BAD_CHECKPOINT_SIGNATURE, cp.seq(), "the checkpoint at seq " + cp.seq() + " in the checkpoint file is not validly signed");
          return false;
        }
        Checkpoint inTable = checkpoints.putIfAbsent(cp.seq(), cp);
        if (inTable != null && !inTable.hash().equals(cp.hash())) {
          found = new ChainBreak(Kind.REWRITTEN, cp.seq(), "the database's checkpoint at seq " + cp.seq() + " differs from the checkpoint file's");
          return false;
        }
      }
      return true;
    }

    /** Genesis, or the checkpoint just before the first remaining event (retention prunes up to one). */
    private Checkpoint anchor(Long min, long headSeq) {
      Checkpoint genesis = new Checkpoint(0, ChainHasher.GENESIS, null, null);
      if (min == null) {
        if (headSeq == 0) {
          return genesis;
        }
        Checkpoint cp = checkpoints.get(headSeq);
        if (cp != null) {
          return cp;
        }
        long from = checkpoints.isEmpty() ? 1 : checkpoints.floorKey(headSeq) + 1;
        found = new ChainBreak(Kind.TRUNCATED, from, "the chain head says the trail ends at seq " + headSeq + " but there are no events");
        return genesis;
      }
      firstSeq = min;
      if (min == 1) {
        return genesis;
      }
      Checkpoint cp = fromTable.stream().filter(t -> t.seq() == min - 1).findFirst().orElse(null);
      if (cp != null) {
        return cp;
      }
      Map.Entry<Long, Checkpoint> below = checkpoints.lowerEntry(min);
      long from = below == null ? 1 : below.getKey() + 1;
      found = new ChainBreak(Kind.DELETED, from, "the first remaining event is seq " + min + " and no checkpoint in the database anchors it");
      return genesis;
    }

    /** Checks every event after the anchor; returns the last hash, or null with {@code found} set. */
    private String stream(Checkpoint anchor) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select " + AuditRows.COLUMNS + " from audit_event where seq > ? order by seq")) {
        ps.setFetchSize(FETCH_SIZE);
        ps.setLong(1, anchor.seq());
        try (ResultSet rs = ps.executeQuery()) {
          long expected = anchor.seq() + 1;
          String prev = anchor.hash();
          long lastCheckpoint = anchor.seq();
          while (rs.next()) {
            ChainRow r = AuditRows.read(rs);
            if (r.seq() != expected) {
              found = new ChainBreak(Kind.DELETED, expected, "seq " + expected + (r.seq() == expected + 1 ? "" : ".." + (r.seq() - 1)) + " missing");
              return null;
            }
            if (!r.prevHash().equals(prev) || !hasher.hash(r).equals(r.hash())) {
              found = new BreakClassifier(hasher).classify(r, prev, rs.next() ? AuditRows.read(rs) : null);
              return null;
            }
            Checkpoint cp = checkpoints.get(expected);
            if (cp != null) {
              if (!cp.hash().equals(r.hash())) {
                found = new ChainBreak(Kind.REWRITTEN, lastCheckpoint + 1, "the events from seq " + (lastCheckpoint + 1) + " to " + expected
                    + " do not match the signed checkpoint " + where(expected) + ": they were rewritten and re-hashed");
                return null;
              }
              lastCheckpoint = expected;
            }
            if (checked == 0) {
              firstSeq = r.seq();
            }
            checked++;
            lastSeq = r.seq();
            prev = r.hash();
            expected++;
          }
          return prev;
        }
      }
    }

    private String where(long seq) {
      boolean inTable = fromTable.stream().anyMatch(cp -> cp.seq() == seq);
      boolean inFile = fromFile.stream().anyMatch(cp -> cp.seq() == seq);
      return inTable && inFile ? "(database and file)" : inTable ? "(database)" : "(checkpoint file)";
    }

    private Long single(String sql) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    }
  }
}
