package io.steward.monitoring.respond;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.monitoring.Incident;
import io.steward.monitoring.MonitoringProperties;
import io.steward.monitoring.store.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An incident nobody has acknowledged {@code steward.monitoring.escalate-after} (30 minutes) after it opened is told
 * once more to the same people — in-app, by email and to the webhook ({@code incident.escalated}) — and the
 * escalation is audited. Each incident escalates once: the node that claims it in the database sends it.
 */
@Component
public class IncidentEscalation {

  private static final Logger log = LoggerFactory.getLogger(IncidentEscalation.class);

  private final IncidentStore store;
  private final Notifier notifier;
  private final AuditTrail audit;
  private final MonitoringProperties properties;
  private final Clock clock;

  IncidentEscalation(IncidentStore store, Notifier notifier, AuditTrail audit, MonitoringProperties properties, Clock clock) {
    this.store = store;
    this.notifier = notifier;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /** Escalates every incident that has waited too long; the number escalated by this node. */
  @Scheduled(fixedDelayString = "${steward.monitoring.escalation-check:60s}")
  public int escalate() {
    if (!properties.escalates()) {
      return 0;
    }
    Instant now = clock.instant();
    Duration after = properties.escalateAfter();
    String waited = IncidentEmail.minutes(after);
    List<Incident> waiting = store.unacknowledgedSince(now.minus(after));
    int escalated = 0;
    for (Incident i : waiting) {
      if (!store.markEscalated(i.id(), now)) {
        continue; // acknowledged meanwhile, or another node escalated it
      }
      log.warn("Security incident {} ({}) has not been acknowledged {} after it opened: notifying again", i.id(), i.rule().id(), waited);
      notifier.escalated(i.escalated(now), after);
      escalated++;
      try {
        audit.record(new AuditEvent(now, AuditActions.INCIDENT, "system", "incident", List.of(i.id().toString()), List.of(), null, "success",
            null, null, null, Map.of("change", "escalated", "unacknowledged", waited)));
      } catch (RuntimeException e) {
        log.error("Escalation of incident {} sent but not audited: {}", i.id(), e.toString());
      }
    }
    return escalated;
  }
}
