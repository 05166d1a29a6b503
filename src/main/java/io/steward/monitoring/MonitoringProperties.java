package io.steward.monitoring;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Monitoring settings ({@code steward.monitoring.*}): rule overrides over the built-in defaults (the settings page
 * overrides these in turn), how often baselines are flushed to the database, the learning period, vendor hours
 * and the webhook.
 *
 * @param flushInterval how often each node merges what it learned into the stored baselines
 * @param shareInterval how often each node shares its live window counts with the other nodes and reads theirs
 * @param learningDays active days before the hour-of-day rule trusts a user's histogram
 * @param vendorHours  UTC hours in which vendors and contractors are expected to work, e.g. "07-19"; empty: not checked
 *                     (vendors work in every time zone; set the hours your vendors keep)
 * @param drillClock   lets the breach drill set the time per request; refused unless the server listens on loopback
 * @param escalateAfter an incident nobody has acknowledged this long after it opened is notified once more (in-app,
 *                     email, webhook {@code incident.escalated}); zero turns escalation off
 */
@ConfigurationProperties("steward.monitoring")
public record MonitoringProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration flushInterval,
    @DefaultValue("1s") Duration shareInterval,
    @DefaultValue("7") int learningDays,
    @DefaultValue("") String vendorHours,
    Map<String, RuleOverride> rules,
    @DefaultValue Webhook webhook,
    @DefaultValue("false") boolean drillClock,
    @DefaultValue("30m") Duration escalateAfter) {

  public MonitoringProperties {
    rules = rules == null ? Map.of() : Map.copyOf(rules);
    escalateAfter = escalateAfter == null ? Duration.ofMinutes(30) : escalateAfter;
  }

  /** Whether incidents nobody acknowledged are notified again ({@code escalate-after} of zero turns it off). */
  public boolean escalates() {
    return enabled && !escalateAfter.isZero() && !escalateAfter.isNegative();
  }

  public static MonitoringProperties defaults() {
    return new MonitoringProperties(true, Duration.ofSeconds(30), Duration.ofSeconds(1), 7, "", Map.of(), new Webhook(null, null, 3, Duration.ofSeconds(2)), false,
        Duration.ofMinutes(30));
  }

  /** Any of these left out keeps the rule's default. */
  public record RuleOverride(Boolean enabled, Response response, Long threshold, Double factor) {}

  /** JSON POSTs signed with HMAC-SHA256 over the body ({@code X-Steward-Signature: sha256=<hex>}). */
  public record Webhook(String url, String secret, @DefaultValue("3") int retries, @DefaultValue("2s") Duration timeout) {
    public boolean configured() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "Webhook[url=" + url + ", secret=***]";
    }
  }

  RuleSetting setting(Rule rule) {
    RuleSetting d = rule.defaults();
    RuleOverride o = rules.get(rule.id());
    if (o == null) {
      return d;
    }
    return new RuleSetting(rule, o.enabled() == null ? d.enabled() : o.enabled(), o.response() == null ? d.response() : o.response(),
        o.threshold() == null ? d.threshold() : o.threshold(), o.factor() == null ? d.factor() : o.factor());
  }
}
