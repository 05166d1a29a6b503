package io.steward.monitoring.respond;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.monitoring.Incident;
import io.steward.monitoring.IncidentStatus;
import io.steward.monitoring.Response;
import io.steward.monitoring.Rule;
import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.store.IncidentStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** One open incident per rule and subject: a rule that fires again while its incident is open adds to it. */
@Component
public class IncidentBook {

  private final IncidentStore store;
  private final AuditTrail audit;
  private final Map<String, UUID> open = new ConcurrentHashMap<>();

  IncidentBook(IncidentStore store, AuditTrail audit) {
    this.store = store;
    this.audit = audit;
    store.open().forEach(i -> open.put(key(i.rule(), i.userId() != null ? i.userId().toString() : "ip:" + i.ip()), i.id()));
  }

  /** The new incident, or empty if this finding joined an open one. */
  public synchronized Optional<Incident> openOrJoin(Finding f, Response response) {
    String key = key(f.rule(), f.subject());
    UUID existing = open.get(key);
    if (existing != null) {
      store.touch(existing, f.at(), f.records());
      return Optional.empty();
    }
    Incident i = new Incident(UUID.randomUUID(), f.rule(), response, f.userId(), f.ip(), f.summary(), IncidentStatus.OPEN, f.at(), f.at(),
        f.records(), null, null, null, null, null, null, null);
    store.insert(i);
    open.put(key, i.id());
    audit.record(new AuditEvent(f.at(), AuditActions.INCIDENT, "system", "incident", List.of(i.id().toString()), List.of(), null, "success",
        null, null, null, Map.of("change", "opened", "rule", f.rule().id(), "response", response.name().toLowerCase(),
            "subject", f.subject())));
    return Optional.of(i);
  }

  public void closed(Incident i) {
    open.remove(key(i.rule(), i.userId() != null ? i.userId().toString() : "ip:" + i.ip()));
  }

  private static String key(Rule rule, String subject) {
    return rule.id() + "|" + subject;
  }
}
