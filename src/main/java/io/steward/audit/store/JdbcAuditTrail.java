package io.steward.audit.store;

import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A first, synchronous audit store (one insert per event); hash chain and group commit come with the audit issue. */
@Component
class JdbcAuditTrail implements AuditTrail {

  private final JdbcClient jdbc;

  JdbcAuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // Annotated itself: a self-call to recordAll bypasses the proxy and would join a caller's read-only transaction,
  // which PostgreSQL refuses to insert in.
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(AuditEvent event) {
    recordAll(List.of(event));
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordAll(List<AuditEvent> events) {
    for (AuditEvent e : events) {
      jdbc.sql("""
              insert into audit_event (at, action, actor_id, object_type, record_ids, fields, reason, outcome, ip, user_agent, request_id, details)
              values (:at, :action, :actor, :type, :records, :fields, :reason, :outcome, :ip, :ua, :rid, :details)""")
          .param("at", e.at().atOffset(ZoneOffset.UTC))
          .param("action", e.action())
          .param("actor", e.actorId())
          .param("type", e.objectType())
          .param("records", String.join(",", e.recordIds()))
          .param("fields", String.join(",", e.fields()))
          .param("reason", e.reason())
          .param("outcome", e.outcome())
          .param("ip", e.ip())
          .param("ua", e.userAgent())
          .param("rid", e.requestId())
          .param("details", e.details().toString())
          .update();
    }
  }
}
