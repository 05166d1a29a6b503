package io.steward.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which events a query selects; every criterion left null matches everything. {@code from} is inclusive,
 * {@code to} exclusive.
 */
public record AuditFilter(
    String actorId,
    Set<String> actions,
    String objectType,
    String recordId,
    Instant from,
    Instant to,
    String ip,
    String outcome) {

  public AuditFilter {
    actions = actions == null ? Set.of() : Set.copyOf(actions);
  }

  public static AuditFilter all() {
    return new AuditFilter(null, Set.of(), null, null, null, null, null, null);
  }

  public AuditFilter actor(String actorId) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter actions(String... actions) {
    return new AuditFilter(actorId, Set.of(actions), objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter objectType(String objectType) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter record(String recordId) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter between(Instant from, Instant to) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter ip(String ip) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }

  public AuditFilter outcome(String outcome) {
    return new AuditFilter(actorId, actions, objectType, recordId, from, to, ip, outcome);
  }
}
