package io.steward.audit.retention;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditRetention;
import io.steward.audit.AuditTrail;
import io.steward.audit.store.AuditRows;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes events older than the retention period, one checkpoint span per transaction and never past a
 * checkpoint signed before the cut-off: the oldest remaining checkpoint is the verifier's anchor, so what
 * remains still verifies, and a prune that stops half-way leaves a trail that verifies too. Each prune is
 * itself recorded in the chain ({@link AuditActions#AUDIT_PRUNED}).
 */
public final class RetentionPruner implements AuditRetention {

  private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AuditTrail trail;
  private final Period retention;
  private final Clock clock;

  public RetentionPruner(DataSource dataSource, AuditTrail trail, Period retention, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.trail = trail;
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public PruneResult pruneExpired() {
    Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant();
    List<Long> spans = jdbc.sql("select seq from audit_checkpoint where at < :cutoff and seq >= (select min(seq) from audit_event) order by seq")
        .param("cutoff", AuditRows.timestamp(cutoff))
        .query(Long.class)
        .list();
    long through = 0;
    long pruned = 0;
    for (long checkpoint : spans) {
      Long deleted = tx.execute(status -> {
        jdbc.sql("delete from audit_event_record where seq <= :seq").param("seq", checkpoint).update();
        int events = jdbc.sql("delete from audit_event where seq <= :seq").param("seq", checkpoint).update();
        jdbc.sql("delete from audit_checkpoint where seq < :seq").param("seq", checkpoint).update();
        return (long) events;
      });
      pruned += deleted == null ? 0 : deleted;
      through = checkpoint;
    }
    if (pruned > 0) {
      log.info("Audit retention pruned {} events through seq {} (older than {})", pruned, through, retention);
      trail.record(new AuditEvent(clock.instant(), AuditActions.AUDIT_PRUNED, "system", null, List.of(), List.of(),
          "retention " + retention, "success", null, null, null, Map.of("throughSeq", Long.toString(through), "events", Long.toString(pruned))));
    }
    return new PruneResult(through, pruned);
  }
}
