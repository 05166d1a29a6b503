package io.steward.monitoring;

/** A rule as configured: on or off, its response, its absolute floor and its factor over the user's baseline. */
public record RuleSetting(Rule rule, boolean enabled, Response response, long threshold, double factor) {

  public RuleSetting {
    if (threshold < 1) {
      throw new IllegalArgumentException("The threshold of " + rule.label() + " must be at least 1.");
    }
    if (factor < 0 || factor > 100) {
      throw new IllegalArgumentException("The factor of " + rule.label() + " must be between 0 and 100.");
    }
  }

  /** The level a count must exceed: the floor, or factor × baseline where that is higher. */
  public double limit(double baseline) {
    return Math.max(threshold, factor * baseline);
  }
}
