package io.steward.monitoring.watch;

import io.steward.access.Accounts;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditObserver;
import io.steward.monitoring.MonitorSettings;
import io.steward.monitoring.MonitoringProperties;
import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.respond.EvaluationTimer;
import io.steward.monitoring.respond.Responder;
import io.steward.monitoring.rules.Finding;
import io.steward.monitoring.rules.HourRange;
import io.steward.monitoring.rules.RuleContext;
import io.steward.monitoring.rules.SignInWatch;
import io.steward.monitoring.rules.UserActivity;
import io.steward.monitoring.rules.UserFacts;
import io.steward.monitoring.store.BaselineStore;
import io.steward.monitoring.store.CountStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The monitor's ear on the audit trail: every committed event of a user goes through that user's rules in
 * the recording thread, and a finding is acted on before the recording call returns. So the request that
 * crosses a line is the last one the account gets.
 */
@Component
public class Watcher implements AuditObserver {

  private final MonitorSettings settings;
  private final MonitoringProperties properties;
  private final BaselineStore baselines;
  private final CountStore counts;
  private final Accounts accounts;
  private final Responder responder;
  private final EvaluationTimer timer;
  private final HourRange vendorHours;
  private final SignInWatch signIns = new SignInWatch();
  private final Map<UUID, UserActivity> users = new ConcurrentHashMap<>();

  Watcher(MonitorSettings settings, MonitoringProperties properties, BaselineStore baselines, CountStore counts, Accounts accounts,
      Responder responder, EvaluationTimer timer) {
    this.settings = settings;
    this.properties = properties;
    this.baselines = baselines;
    this.counts = counts;
    this.accounts = accounts;
    this.responder = responder;
    this.timer = timer;
    this.vendorHours = HourRange.parse(properties.vendorHours());
  }

  @Override
  public void committed(List<AuditEvent> events) {
    if (!properties.enabled()) {
      return;
    }
    long start = System.nanoTime();
    List<Finding> findings = new ArrayList<>(0);
    for (AuditEvent e : events) {
      findings.addAll(evaluate(e));
    }
    timer.add(System.nanoTime() - start);
    if (!findings.isEmpty()) {
      responder.act(findings);
    }
  }

  /** From the request filter, before an authenticated request runs. */
  public void requestSeen(UUID userId, Instant at, String ip, String userAgent, boolean apiToken) {
    if (properties.enabled()) {
      long start = System.nanoTime();
      List<Finding> findings = activity(userId).onRequest(at, ip, userAgent, apiToken, context());
      timer.add(System.nanoTime() - start);
      act(findings);
    }
  }

  /** From the request filter, after a request for a record id was answered "not found". */
  public void notFound(UUID userId, Instant at) {
    if (properties.enabled()) {
      act(activity(userId).onNotFound(at, context()));
    }
  }

  private void act(List<Finding> findings) {
    if (!findings.isEmpty()) {
      responder.act(findings);
    }
  }

  private List<Finding> evaluate(AuditEvent e) {
    RuleContext ctx = context();
    if (AuditActions.SIGN_IN_FAILED.equals(e.action())) {
      return signIns.failed(e.ip(), e.details().get("account"), e.at(), ctx);
    }
    if (AuditActions.USER_CHANGED.equals(e.action()) && "enabled".equals(e.details().get("change")) && !e.recordIds().isEmpty()) {
      userId(e.recordIds().get(0)).ifPresent(responder::released);
    }
    var user = userId(e.actorId());
    if (user.isEmpty() || !"success".equals(e.outcome()) && !AuditActions.ACCESS_DENIED.equals(e.action())) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>(activity(user.get()).onEvent(e, ctx));
    if (AuditActions.SIGN_IN.equals(e.action())) {
      out.addAll(signIns.succeeded(e.ip(), user.get(), e.at(), ctx));
    }
    return out;
  }

  private RuleContext context() {
    return new RuleContext(settings::of, properties.learningDays(), vendorHours);
  }

  /**
   * The user's live state; the first time on this node, with the baseline all nodes stored and the live counts the
   * other nodes (and this node's earlier runs) shared.
   */
  public UserActivity activity(UUID userId) {
    return users.computeIfAbsent(userId, id -> {
      Baseline b = baselines.find(id).map(BaselineStore.Versioned::baseline).orElseGet(Baseline::new);
      UserFacts facts = accounts.find(id).map(u -> new UserFacts(u.kind().isExternal(), u.createdAt())).orElse(UserFacts.UNKNOWN);
      UserActivity activity = new UserActivity(id, facts, b);
      counts.others(id).forEach(r -> activity.otherNodes(r.counter(), r.bucket(), r.n()));
      return activity;
    });
  }

  /** The user's live state if this node holds it. */
  public Optional<UserActivity> known(UUID userId) {
    return Optional.ofNullable(users.get(userId));
  }

  public Collection<Map.Entry<UUID, UserActivity>> activities() {
    return users.entrySet();
  }

  /**
   * Lets go of users this node has not seen since {@code wallMillis} and holds nothing unsaved for (their windows are
   * empty by then; they are read back from the database when they return). An event racing the removal is counted in
   * the state let go of: at most one request's worth, and only after a long idle time.
   */
  void forgetIdle(long wallMillis) {
    users.entrySet().removeIf(e -> e.getValue().idleSince(wallMillis));
  }

  private static Optional<UUID> userId(String actorId) {
    if (actorId == null || actorId.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(actorId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
