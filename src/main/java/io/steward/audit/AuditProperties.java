package io.steward.audit;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail ({@code steward.audit.*}); see docs/audit.md.
 *
 * @param queueCapacity      calls that may wait for the writer at once; beyond it {@code record} waits up to
 *                           {@code enqueueTimeout}, then fails
 * @param maxBatch           events committed in one transaction at most (a single {@code recordAll} is never split)
 * @param writers            writer threads, each with its own connection; they take turns on the chain head. One
 *                           is best when the database is near (bigger batches, less CPU per event); a second can
 *                           hide round trips to a distant PostgreSQL. H2 always uses one.
 * @param enqueueTimeout     how long a caller waits for room in a full queue
 * @param commitTimeout      how long a caller waits for its events to commit
 * @param commitWait         at most how long the writer waits, before it appends, for more callers while other
 *                           requests are still being served (bigger transactions cost less per event); a lone
 *                           request never waits for it; zero appends at once
 * @param checkpointEvery    a signed checkpoint at least every this many events
 * @param checkpointInterval and at least this often while events arrive
 * @param checkpointFile     the JSON lines file outside the database that each checkpoint is appended to
 * @param retention          events older than this are pruned (up to a checkpoint)
 * @param allReads           record every read of a record, also one that shows no personal or sensitive field (by
 *                           default only reads that show one are recorded, as invariant 3 asks)
 * @param siem               streaming to a SIEM
 */
@ConfigurationProperties("steward.audit")
public record AuditProperties(
    @DefaultValue("10000") int queueCapacity,
    @DefaultValue("1000") int maxBatch,
    @DefaultValue("1") int writers,
    @DefaultValue("5s") Duration enqueueTimeout,
    @DefaultValue("30s") Duration commitTimeout,
    @DefaultValue("1ms") Duration commitWait,
    @DefaultValue("1000") int checkpointEvery,
    @DefaultValue("5m") Duration checkpointInterval,
    @DefaultValue("data/audit-checkpoints/checkpoints.jsonl") String checkpointFile,
    @DefaultValue("P2Y") Period retention,
    @DefaultValue("false") boolean allReads,
    @DefaultValue Siem siem) {

  public AuditProperties {
    if (queueCapacity < 1 || maxBatch < 1 || writers < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException("steward.audit queue-capacity, max-batch, writers and checkpoint-every must be positive");
    }
    if (commitWait.isNegative() || commitWait.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("steward.audit.commit-wait must be between 0 and 1s");
    }
    siem = siem == null ? Siem.off() : siem;
  }

  /** Defaults, with the checkpoint file under the given data directory: for tests and tools without Spring. */
  public static AuditProperties defaults(String dataDir) {
    return new AuditProperties(10_000, 1000, 1, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(1), 1000, Duration.ofMinutes(5),
        dataDir + "/audit-checkpoints/checkpoints.jsonl", Period.ofYears(2), false, Siem.off());
  }

  public AuditProperties withCheckpoints(int every, Duration interval) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, every, interval, checkpointFile, retention, allReads, siem);
  }

  public AuditProperties withRetention(Period retention) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, checkpointEvery, checkpointInterval, checkpointFile, retention, allReads, siem);
  }

  public AuditProperties withSiem(Siem siem) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, checkpointEvery, checkpointInterval, checkpointFile, retention, allReads, siem);
  }

  public AuditProperties withQueue(int queueCapacity, int maxBatch) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, checkpointEvery, checkpointInterval, checkpointFile, retention, allReads, siem);
  }

  public AuditProperties withCommitWait(Duration commitWait) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, checkpointEvery, checkpointInterval, checkpointFile, retention, allReads, siem);
  }

  public AuditProperties withWriters(int writers) {
    return new AuditProperties(queueCapacity, maxBatch, writers, enqueueTimeout, commitTimeout, commitWait, checkpointEvery, checkpointInterval, checkpointFile, retention, allReads, siem);
  }

  /**
   * @param file          JSON lines file sink; empty for none
   * @param syslogHost    RFC 5424 syslog over TCP (octet counting); empty for none
   * @param syslogPort    its port
   * @param syslogTls     TLS to the syslog server (trust from the JVM's trust store)
   * @param bufferSize    events held in memory per sink; beyond it a sink re-reads the table later
   * @param batchSize     events shipped per round
   * @param retryMin      first back-off after a failure
   * @param retryMax      longest back-off
   * @param poll          how often sinks look for events other nodes wrote
   */
  public record Siem(
      @DefaultValue("") String file,
      @DefaultValue("") String syslogHost,
      @DefaultValue("6514") int syslogPort,
      @DefaultValue("true") boolean syslogTls,
      @DefaultValue("10000") int bufferSize,
      @DefaultValue("500") int batchSize,
      @DefaultValue("500ms") Duration retryMin,
      @DefaultValue("1m") Duration retryMax,
      @DefaultValue("2s") Duration poll) {

    public static Siem off() {
      return new Siem("", "", 6514, true, 10_000, 500, Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(2));
    }

    public boolean fileEnabled() {
      return file != null && !file.isBlank();
    }

    public boolean syslogEnabled() {
      return syslogHost != null && !syslogHost.isBlank();
    }

    public Siem withFile(String file) {
      return new Siem(file, syslogHost, syslogPort, syslogTls, bufferSize, batchSize, retryMin, retryMax, poll);
    }

    public Siem withSyslog(String host, int port, boolean tls) {
      return new Siem(file, host, port, tls, bufferSize, batchSize, retryMin, retryMax, poll);
    }

    public Siem withRetry(Duration min, Duration max, Duration poll) {
      return new Siem(file, syslogHost, syslogPort, syslogTls, bufferSize, batchSize, min, max, poll);
    }

    public Siem withBuffer(int bufferSize, int batchSize) {
      return new Siem(file, syslogHost, syslogPort, syslogTls, bufferSize, batchSize, retryMin, retryMax, poll);
    }
  }
}
