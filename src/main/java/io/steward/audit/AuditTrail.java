package io.steward.audit;

import java.util.List;

/**
 * The one way to record what happened. When {@link #record} returns, its events are committed: a caller that is
 * about to send personal data records the read first (or, in an HTTP request, with {@link #recordBeforeResponse}).
 */
public interface AuditTrail {

  void record(AuditEvent event);

  void recordAll(List<AuditEvent> events);

  /**
   * For an event about data the current HTTP response is about to carry (a read): queues it and returns at once;
   * the response waits for its commit before its first byte leaves ({@link ResponseBarrier}), so the commit overlaps
   * the rest of the request. Outside an HTTP request this is {@link #record}.
   */
  default void recordBeforeResponse(AuditEvent event) {
    record(event);
  }
}
