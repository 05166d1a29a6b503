package io.steward.monitoring;

import io.steward.monitoring.respond.ContainedUsers;
import io.steward.monitoring.respond.EvaluationTimer;
import org.springframework.stereotype.Service;

/** The monitor at a glance: is an account contained on this node, and what rule evaluation costs. */
@Service
public class Monitor {

  private final ContainedUsers contained;
  private final EvaluationTimer timer;

  Monitor(ContainedUsers contained, EvaluationTimer timer) {
    this.contained = contained;
    this.timer = timer;
  }

  public boolean isSuspended(java.util.UUID userId) {
    return contained.isSuspended(userId);
  }

  /** Rule evaluation time per audited call or watched request on this node (the last 65,536). */
  public record EvaluationStats(long evaluations, double p50Micros, double p99Micros) {}

  public EvaluationStats stats() {
    return new EvaluationStats(timer.count(), timer.quantile(0.5) / 1000.0, timer.quantile(0.99) / 1000.0);
  }
}
