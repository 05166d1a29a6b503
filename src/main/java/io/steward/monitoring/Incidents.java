package io.steward.monitoring;

import io.steward.access.AccessPolicy;
import io.steward.access.Accounts;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.AuditTrail;
import io.steward.monitoring.respond.ContainedUsers;
import io.steward.monitoring.respond.IncidentBook;
import io.steward.monitoring.store.IncidentStore;
import io.steward.monitoring.watch.Watcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security dashboard's work: open incidents, each incident's timeline from the audit trail, and
 * acknowledging and resolving with notes. Everything needs the manage-security power and is audited.
 */
@Service
public class Incidents {

  /** The timeline starts this long before the first finding, to show how the account got there. */
  static final Duration LEAD_IN = Duration.ofMinutes(30);
  static final int TIMELINE_MAX = 500;

  private final IncidentStore store;
  private final IncidentBook book;
  private final ContainedUsers contained;
  private final Watcher watcher;
  private final Accounts accounts;
  private final AuditQueries queries;
  private final AuditTrail audit;
  private final AccessPolicy policy;
  private final Clock clock;

  Incidents(IncidentStore store, IncidentBook book, ContainedUsers contained, Watcher watcher, Accounts accounts, AuditQueries queries,
      AuditTrail audit, AccessPolicy policy, Clock clock) {
    this.store = store;
    this.book = book;
    this.contained = contained;
    this.watcher = watcher;
    this.accounts = accounts;
    this.queries = queries;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  public List<Incident> open(Principal viewer) {
    require(viewer);
    return store.open();
  }

  public List<Incident> recentlyResolved(Principal viewer, int limit) {
    require(viewer);
    return store.recentlyResolved(limit);
  }

  /** Incidents opened since a time, open or not (the drill counts them). */
  public List<Incident> since(Principal viewer, Instant from) {
    require(viewer);
    return store.since(from);
  }

  public Optional<Incident> find(Principal viewer, UUID id) {
    require(viewer);
    return store.find(id);
  }

  /**
   * What the user (or the address) did from shortly before the incident until it was resolved, oldest first,
   * at most 500 entries. Showing audit events to a person is itself audited.
   */
  public List<TimelineEntry> timeline(Principal viewer, UUID id) {
    require(viewer);
    Incident i = store.find(id).orElseThrow(() -> new IllegalArgumentException("No such incident."));
    Instant to = i.resolvedAt() != null ? i.resolvedAt() : clock.instant().plusSeconds(1);
    if (to.isBefore(i.lastSeenAt())) {
      to = i.lastSeenAt().plusSeconds(1);
    }
    AuditFilter filter = AuditFilter.all().between(i.openedAt().minus(LEAD_IN), to);
    filter = i.userId() != null ? filter.actor(i.userId().toString()) : filter.ip(i.ip());
    List<TimelineEntry> entries = queries.find(filter, 0, TIMELINE_MAX).items().stream()
        .map(s -> s.event())
        .map(e -> new TimelineEntry(e.at(), e.action(), e.actorId(), e.objectType(), e.recordIds(), e.fields(), e.outcome(), e.ip(), e.userAgent()))
        .sorted(Comparator.comparing(TimelineEntry::at))
        .toList();
    record(viewer, AuditActions.AUDIT_EXPORT, i, Map.of("view", "incident-timeline", "events", Integer.toString(entries.size())));
    return entries;
  }

  @Transactional
  public boolean acknowledge(Principal actor, UUID id, String note) {
    require(actor);
    Incident i = store.find(id).orElseThrow(() -> new IllegalArgumentException("No such incident."));
    boolean done = store.acknowledge(id, actor.actorId(), clock.instant(), clean(note));
    if (done) {
      record(actor, AuditActions.INCIDENT, i, Map.of("change", "acknowledged", "note", Integer.toString(clean(note).length()) + " characters"));
    }
    return done;
  }

  /**
   * Resolves an incident with a note. With {@code enableAccount} a suspended account is enabled again (the
   * review found it safe); otherwise it stays disabled and an administrator enables it on the user page.
   */
  @Transactional
  public boolean resolve(Principal actor, UUID id, String note, boolean enableAccount) {
    require(actor);
    Incident i = store.find(id).orElseThrow(() -> new IllegalArgumentException("No such incident."));
    if (clean(note).isBlank()) {
      throw new IllegalArgumentException("Say what was found and done: a resolution needs a note.");
    }
    boolean done = store.resolve(id, actor.actorId(), clock.instant(), clean(note));
    if (!done) {
      return false;
    }
    book.closed(i);
    if (i.userId() != null) {
      watcher.activity(i.userId()).forget(i.rule());
      contained.allowExports(i.userId());
      if (enableAccount && i.response() == Response.SUSPEND) {
        accounts.setEnabled(actor, i.userId(), true);
      }
    }
    record(actor, AuditActions.INCIDENT, i, Map.of("change", "resolved", "note", Integer.toString(clean(note).length()) + " characters",
        "accountEnabled", Boolean.toString(enableAccount && i.userId() != null && i.response() == Response.SUSPEND)));
    return true;
  }

  /** Notes are for people, not values: short, and never copied into the audit trail (only their length is). */
  private static String clean(String note) {
    String n = note == null ? "" : note.strip();
    return n.length() > 1000 ? n.substring(0, 1000) : n;
  }

  private void require(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)) {
      throw new MonitoringAccessDeniedException();
    }
  }

  private void record(Principal actor, String action, Incident i, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), action, actor.actorId(), "incident", List.of(i.id().toString()), List.of(), null, "success",
        actor.request().ip(), actor.request().userAgent(), actor.request().requestId(), details));
  }
}
