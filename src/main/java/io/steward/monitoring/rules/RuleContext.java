package io.steward.monitoring.rules;

import io.steward.monitoring.Rule;
import io.steward.monitoring.RuleSetting;
import java.util.function.Function;

/** The settings the rules evaluate against at this moment; {@code vendorHours} is null when none are set. */
public record RuleContext(Function<Rule, RuleSetting> settings, int learningDays, HourRange vendorHours) {

  public RuleSetting get(Rule rule) {
    return settings.apply(rule);
  }

  public boolean on(Rule rule) {
    return settings.apply(rule).enabled();
  }
}
