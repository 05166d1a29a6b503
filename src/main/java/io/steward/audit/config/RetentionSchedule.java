package io.steward.audit.config;

import io.steward.audit.AuditRetention;
import org.springframework.scheduling.annotation.Scheduled;

/** Prunes expired audit events once a day (03:17 by default, {@code steward.audit.retention-cron}). */
class RetentionSchedule {

  private final AuditRetention retention;

  RetentionSchedule(AuditRetention retention) {
    this.retention = retention;
  }

  @Scheduled(cron = "${steward.audit.retention-cron:0 17 3 * * *}")
  void prune() {
    retention.pruneExpired();
  }
}
