package io.steward.audit;

import java.util.List;

/**
 * Sees events as soon as they are committed, in the thread that recorded them, before {@link AuditTrail#record}
 * returns to its caller: a monitor can therefore act on a read before the caller's response goes out.
 *
 * <p>An observer runs on the caller's time, so it must be quick (in-memory work; slow work goes to a thread of
 * its own). It may record audit events itself (they are observed in turn). What it throws is logged and
 * swallowed: the events are committed already and the caller carries on as if no observer were there.
 * Events recorded before the application has started, or by other nodes, are not observed.
 */
@FunctionalInterface
public interface AuditObserver {

  void committed(List<AuditEvent> events);
}
