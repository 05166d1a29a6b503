package io.steward.audit;

import io.steward.audit.chain.CheckpointFile;
import io.steward.audit.retention.RetentionPruner;
import io.steward.audit.siem.SiemShipper;
import io.steward.audit.store.ChainStore;
import io.steward.audit.store.JdbcAuditQueries;
import io.steward.audit.verify.ChainVerifier;
import io.steward.audit.write.GroupCommitWriter;
import io.steward.crypto.KeyRing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The audit module assembled by hand: what Spring wires in {@code io.steward.audit.config}, for tests,
 * benchmarks and commands that run without an application context. {@link #start()} starts the writer and
 * the SIEM shipper; {@link #close()} commits what is queued and stops them.
 *
 * <pre>{@code
 * try (Audit audit = Audit.create(dataSource, keyRing, AuditProperties.defaults("./data"))) {
 *   audit.start();
 *   audit.trail().record(event);
 *   System.out.println(audit.verifier().verify().summary());
 * }
 * }</pre>
 */
public final class Audit implements AutoCloseable {

  private final GroupCommitWriter writer;
  private final ChainVerifier verifier;
  private final JdbcAuditQueries queries;
  private final RetentionPruner retention;
  private final SiemShipper siem;

  private Audit(DataSource dataSource, KeyRing keys, AuditProperties properties, Clock clock) {
    CheckpointFile checkpointFile = new CheckpointFile(Path.of(properties.checkpointFile()));
    ChainStore store = new ChainStore(keys, properties.checkpointEvery(), properties.checkpointInterval());
    this.writer = new GroupCommitWriter(dataSource, store, checkpointFile, clock, writers(dataSource, properties), properties.queueCapacity(), properties.maxBatch(),
        properties.enqueueTimeout(), properties.commitTimeout(), properties.commitWait(), properties.checkpointInterval());
    this.verifier = new ChainVerifier(dataSource, keys, checkpointFile);
    this.queries = new JdbcAuditQueries(dataSource);
    this.retention = new RetentionPruner(dataSource, writer, properties.retention(), clock);
    this.siem = SiemShipper.create(dataSource, properties.siem());
    if (siem != null) {
      writer.afterCommit(siem::offer);
    }
  }

  /**
   * H2 gets one writer: its lock timeout is short and an embedded database gains nothing from a second
   * connection waiting on the head row.
   */
  private static int writers(DataSource dataSource, AuditProperties properties) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2") ? 1 : properties.writers();
    } catch (SQLException e) {
      return properties.writers();
    }
  }

  public static Audit create(DataSource dataSource, KeyRing keys, AuditProperties properties) {
    return new Audit(dataSource, keys, properties, Clock.systemUTC());
  }

  public static Audit create(DataSource dataSource, KeyRing keys, AuditProperties properties, Clock clock) {
    return new Audit(dataSource, keys, properties, clock);
  }

  public Audit start() {
    if (siem != null) {
      siem.start();
    }
    writer.start();
    return this;
  }

  public boolean isRunning() {
    return writer.isRunning();
  }

  public AuditTrail trail() {
    return writer;
  }

  /** Adds an observer of committed events (see {@link AuditObserver}). */
  public void observe(AuditObserver observer) {
    writer.observe(observer);
  }

  public AuditVerifier verifier() {
    return verifier;
  }

  public AuditQueries queries() {
    return queries;
  }

  public AuditRetention retention() {
    return retention;
  }

  /** Transactions the writer has committed with events (group commit makes them fewer than calls). */
  public long commits() {
    return writer.commits();
  }

  /** Signs a checkpoint at the head now if events came since the last one; returns its seq. */
  public Optional<Long> checkpointNow() {
    return writer.checkpointNow().map(cp -> cp.seq());
  }

  /** Stops the writer after committing what is queued, then the SIEM shipper after a last round. */
  @Override
  public void close() {
    writer.close();
    if (siem != null) {
      siem.close();
    }
  }
}
