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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Streams the trail once, in seq order, recomputing every hash and link, and holds the chain against the
 * signed checkpoints of both the database and the external file. The file and the checkpoint table are read
 * before the events: everything they cover was committed first, so appends running meanwhile cannot be
 * mistaken for tampering.
 */
public final class ChainVerifier implements AuditVerifier {

  /** Below this many events per range, one range is faster than several. */
  private static final int MIN_EVENTS_PER_SEGMENT = 100_000;

  private final DataSource dataSource;
  private final KeyRing keys;
  private final CheckpointFile file;
  private final int parallelism;
  private final int minPerSegment;

  public ChainVerifier(DataSource dataSource, KeyRing keys, CheckpointFile file) {
    this(dataSource, keys, file, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  public ChainVerifier(DataSource dataSource, KeyRing keys, CheckpointFile file, int parallelism) {
    this(dataSource, keys, file, parallelism, MIN_EVENTS_PER_SEGMENT);
  }

  /**
   * @param parallelism     ranges verified at once on large trails, each on its own connection
   * @param minPerSegment   fewest events worth a range of their own
   */
  public ChainVerifier(DataSource dataSource, KeyRing keys, CheckpointFile file, int parallelism, int minPerSegment) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.file = file;
    this.parallelism = Math.max(1, parallelism);
    this.minPerSegment = Math.max(1, minPerSegment);
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

    /**
     * Checks every event after the anchor, in up to {@code parallelism} ranges at once (each on its own
     * connection); returns the last hash, or null with {@code found} set.
     */
    private String stream(Checkpoint anchor) throws SQLException {
      Long max = single("select max(seq) from audit_event");
      long from = anchor.seq() + 1;
      long span = max == null ? 0 : max - anchor.seq();
      int parts = span < minPerSegment * 2L ? 1 : (int) Math.min(parallelism, span / minPerSegment);
      long size = (span + parts - 1) / Math.max(1, parts);
      List<SegmentVerifier> segments = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        long start = from + k * size;
        long end = k == parts - 1 ? Long.MAX_VALUE : start + size;
        String prev = k == 0 ? anchor.hash() : storedHash(start - 1);
        long before = Math.max(anchor.seq(), Optional.ofNullable(checkpoints.floorKey(start - 1)).orElse(0L));
        segments.add(new SegmentVerifier(dataSource, start, end, prev, before, checkpoints, this::where));
      }
      List<SegmentVerifier.Result> results = run(segments);
      String lastHash = anchor.hash();
      for (SegmentVerifier.Result r : results) {
        checked += r.checked();
        if (r.found() != null) {
          found = r.found();
          return null;
        }
        if (r.checked() > 0) {
          if (firstSeq == 0) {
            firstSeq = from;
          }
          lastSeq = r.lastSeq();
          lastHash = r.lastHash();
        }
      }
      return lastHash;
    }

    private List<SegmentVerifier.Result> run(List<SegmentVerifier> segments) throws SQLException {
      if (segments.size() == 1) {
        return List.of(segments.get(0).call());
      }
      ExecutorService pool = Executors.newFixedThreadPool(segments.size(), r -> {
        Thread t = new Thread(r, "audit-verify");
        t.setDaemon(true);
        return t;
      });
      try {
        List<SegmentVerifier.Result> results = new ArrayList<>();
        for (Future<SegmentVerifier.Result> f : pool.invokeAll(segments)) {
          results.add(f.get());
        }
        return results;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("Verification interrupted", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }

    /** The hash row seq claims; a missing row gives a value no row links to (the range before reports the gap). */
    private String storedHash(long seq) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("select hash from audit_event where seq = ?")) {
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : "missing";
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
