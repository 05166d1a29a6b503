package io.steward.audit;

import java.util.List;

/**
 * The one way to record what happened. When a call returns, its events are committed: a caller that is about
 * to send personal data records the read first.
 */
public interface AuditTrail {

  void record(AuditEvent event);

  void recordAll(List<AuditEvent> events);
}
