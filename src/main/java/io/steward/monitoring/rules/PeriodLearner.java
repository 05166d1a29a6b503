package io.steward.monitoring.rules;

import io.steward.monitoring.baseline.WindowCounter;
import java.time.Instant;

/**
 * Hands a window's completed fixed periods (5 minutes, an hour, a day) to learning, totalled over all nodes. A
 * deferred learner holds a completed period back until a later one has completed too: a burst that straddles a
 * boundary would otherwise have its first half learned as the user's usual peak while its second half is still being
 * counted, raising its own bar. (Windows that set off a read rule are not learned at all; see {@link UserActivity}.)
 */
final class PeriodLearner {

  private static final long NONE = Long.MIN_VALUE;

  /** Receives a completed period's total, the period (its index from the epoch) and the time it ended. */
  @FunctionalInterface
  interface Learn {
    void accept(long total, long period, Instant periodEnd);
  }

  private final WindowCounter counter;
  private final boolean deferred;
  private long current = NONE;
  private long pending = NONE;

  PeriodLearner(WindowCounter counter, boolean deferred) {
    this.counter = counter;
    this.deferred = deferred;
  }

  /** Call with each event's time, before the event is counted: learns what has completed by then. */
  void roll(Instant at, Learn learn) {
    long p = counter.periodOf(at);
    if (current != NONE && p <= current) {
      return;
    }
    if (current != NONE) {
      if (!deferred) {
        learn(current, learn);
      } else {
        if (pending != NONE) {
          learn(pending, learn);
        }
        pending = current;
      }
    }
    current = p;
  }

  private void learn(long period, Learn learn) {
    long total = counter.periodTotal(period);
    if (total > 0) {
      learn.accept(total, period, counter.periodEnd(period));
    }
  }
}
