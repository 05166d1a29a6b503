package io.steward.monitoring;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.monitoring.store.RuleSettingStore;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The rules as configured: built-in defaults, then {@code steward.monitoring.rules.*}, then the settings page.
 * Held in memory (rules read them on every event) and re-read every few seconds, so a change made on one node
 * reaches the others.
 */
@Service
public class MonitorSettings {

  private final MonitoringProperties properties;
  private final RuleSettingStore store;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;
  private volatile Map<Rule, RuleSetting> current;

  MonitorSettings(MonitoringProperties properties, RuleSettingStore store, AccessPolicy policy, AuditTrail audit, Clock clock) {
    this.properties = properties;
    this.store = store;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    reload();
  }

  public RuleSetting of(Rule rule) {
    return current.get(rule);
  }

  public List<RuleSetting> all() {
    return List.copyOf(current.values());
  }

  public MonitoringProperties properties() {
    return properties;
  }

  /** Changes a rule (needs the manage-security power); audited with the old and new values. */
  public void update(Principal actor, RuleSetting setting) {
    if (!policy.mayAdmin(actor, AdminPermission.MANAGE_SECURITY)) {
      throw new MonitoringAccessDeniedException();
    }
    RuleSetting before = of(setting.rule());
    store.save(setting, actor.actorId(), clock.instant());
    reload();
    audit.record(new AuditEvent(clock.instant(), AuditActions.SETTING_CHANGED, actor.actorId(), "monitor-rule", List.of(setting.rule().id()),
        List.of(), null, "success", actor.request().ip(), actor.request().userAgent(), actor.request().requestId(),
        Map.of("before", describe(before), "after", describe(setting))));
  }

  @Scheduled(fixedDelayString = "${steward.monitoring.settings-poll-ms:5000}")
  public void reload() {
    Map<Rule, RuleSetting> next = new EnumMap<>(Rule.class);
    for (Rule r : Rule.values()) {
      next.put(r, properties.setting(r));
    }
    store.all().forEach(s -> next.put(s.rule(), s));
    current = next;
  }

  private static String describe(RuleSetting s) {
    return (s.enabled() ? "on" : "off") + " " + s.response().name().toLowerCase() + " threshold=" + s.threshold() + " factor=" + s.factor();
  }
}
