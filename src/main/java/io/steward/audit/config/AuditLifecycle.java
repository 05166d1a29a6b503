package io.steward.audit.config;

import io.steward.audit.Audit;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the audit writer before the web server takes requests and stops it after the web server has
 * finished its last ones (a lower phase starts earlier and stops later), committing whatever is queued.
 * Events recorded before the context has started fail with {@code AuditUnavailableException}.
 */
class AuditLifecycle implements SmartLifecycle {

  /** Below the web server's phases (DEFAULT_PHASE - 1024 and - 2048). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Audit audit;

  AuditLifecycle(Audit audit) {
    this.audit = audit;
  }

  @Override
  public void start() {
    audit.start();
  }

  @Override
  public void stop() {
    audit.close();
  }

  @Override
  public boolean isRunning() {
    return audit.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
