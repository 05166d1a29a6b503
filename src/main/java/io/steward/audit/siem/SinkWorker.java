package io.steward.audit.siem;

import io.steward.audit.chain.ChainRow;
import io.steward.audit.store.AuditRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships one sink, on its own thread. The sink's cursor (last seq delivered) lives in audit_siem_cursor and is
 * the truth: freshly committed events come from a bounded in-memory buffer when they follow the cursor, and
 * otherwise (after an outage, a full buffer, or events other nodes wrote) from the audit table. Each round
 * locks the cursor row, so nodes take turns instead of shipping twice. Delivery is at least once: a crash
 * between send and cursor update resends that round.
 */
final class SinkWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SinkWorker.class);

  private final DataSource dataSource;
  private final SiemSink sink;
  private final BlockingQueue<ChainRow> buffer;
  private final int bufferSize;
  private final AtomicInteger buffered = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final int batchSize;
  private final Duration retryMin;
  private final Duration retryMax;
  private final Duration poll;
  private volatile boolean running;
  private volatile long shipped;
  private Thread thread;

  SinkWorker(DataSource dataSource, SiemSink sink, int bufferSize, int batchSize, Duration retryMin, Duration retryMax, Duration poll) {
    this.dataSource = dataSource;
    this.sink = sink;
    this.buffer = new LinkedBlockingQueue<>();
    this.bufferSize = bufferSize;
    this.batchSize = batchSize;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.poll = poll;
  }

  /** Never blocks: when the buffer is full the rows are left for the worker to read from the table. */
  void offer(List<ChainRow> rows) {
    for (ChainRow row : rows) {
      if (buffered.incrementAndGet() > bufferSize) {
        buffered.decrementAndGet();
        dropped.incrementAndGet();
      } else {
        buffer.add(row);
      }
    }
  }

  long shippedThrough() {
    return shipped;
  }

  synchronized void start() {
    // The cursor is created before the writer takes its first event, so no event falls before it.
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      shipped = lockCursor(c);
      c.commit();
    } catch (SQLException e) {
      log.warn("SIEM sink '{}' cannot read its cursor yet: {}", sink.name(), e.toString());
    }
    running = true;
    thread = new Thread(this, "audit-siem-" + sink.name());
    thread.setDaemon(true);
    thread.start();
  }

  void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sink.close();
  }

  @Override
  public void run() {
    Duration backoff = retryMin;
    long failingSince = 0;
    while (running) {
      try {
        if (round()) {
          if (failingSince != 0) {
            log.info("SIEM sink '{}' is delivering again (through seq {})", sink.name(), shipped);
            failingSince = 0;
          }
          backoff = retryMin;
          continue;
        }
        waitForEvents();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (failingSince == 0) {
          failingSince = System.nanoTime();
          log.warn("SIEM sink '{}' failed, retrying with back-off; events wait in the audit table: {}", sink.name(), e.toString());
        }
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
      }
    }
  }

  private void waitForEvents() throws InterruptedException {
    ChainRow row = buffer.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
    if (row != null) {
      buffered.decrementAndGet();
      pending = row;
    }
  }

  /** A row taken from the buffer while waiting, shipped before the buffer's head. */
  private ChainRow pending;

  /** One locked round: ships the rows after the cursor; false when there were none. */
  private boolean round() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long cursor = lockCursor(c);
        List<ChainRow> rows = fromBuffer(cursor);
        if (rows.isEmpty()) {
          rows = fromTable(c, cursor);
        }
        if (rows.isEmpty()) {
          c.commit();
          shipped = cursor;
          return false;
        }
        sink.send(rows);
        long last = rows.get(rows.size() - 1).seq();
        try (PreparedStatement ps = c.prepareStatement("update audit_siem_cursor set seq = ?, updated_at = ? where sink = ?")) {
          ps.setLong(1, last);
          ps.setObject(2, AuditRows.timestamp(Instant.now()));
          ps.setString(3, sink.name());
          ps.executeUpdate();
        }
        c.commit();
        shipped = last;
        return true;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  private long lockCursor(Connection c) throws SQLException {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (PreparedStatement ps = c.prepareStatement("select seq from audit_siem_cursor where sink = ? for update")) {
        ps.setString(1, sink.name());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      // First start of this sink: ship from the current end of the chain on, not the whole history.
      try (PreparedStatement ps = c.prepareStatement(
          "insert into audit_siem_cursor (sink, seq, updated_at) select ?, seq, ? from audit_head where id = 1 on conflict do nothing")) {
        ps.setString(1, sink.name());
        ps.setObject(2, AuditRows.timestamp(Instant.now()));
        ps.executeUpdate();
      }
    }
    throw new SQLException("Cannot create the SIEM cursor for sink " + sink.name());
  }

  private List<ChainRow> fromBuffer(long cursor) {
    List<ChainRow> rows = new ArrayList<>();
    long expected = cursor + 1;
    while (rows.size() < batchSize) {
      ChainRow head = pending != null ? pending : buffer.peek();
      if (head == null || head.seq() > expected) {
        break;
      }
      if (pending != null) {
        pending = null;
      } else {
        buffer.poll();
        buffered.decrementAndGet();
      }
      if (head.seq() == expected) {
        rows.add(head);
        expected++;
      }
    }
    return rows;
  }

  private List<ChainRow> fromTable(Connection c, long cursor) throws SQLException {
    List<ChainRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select " + AuditRows.COLUMNS + " from audit_event where seq > ? order by seq limit ?")) {
      ps.setLong(1, cursor);
      ps.setInt(2, batchSize);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(AuditRows.read(rs));
        }
      }
    }
    return rows;
  }

  long dropped() {
    return dropped.get();
  }
}
