package io.steward.monitoring.baseline;

import java.time.Instant;
import java.util.function.LongConsumer;

/** Counts per fixed period (5 minutes, an hour, a day); hands each completed period's count to the baseline. */
public final class PeriodCounter {

  private final long periodMillis;
  private long period = Long.MIN_VALUE;
  private long count;

  public PeriodCounter(long periodMillis) {
    this.periodMillis = periodMillis;
  }

  /** Adds n at the given time; if a new period began, the finished one's count goes to {@code completed} first. */
  public void add(Instant at, long n, LongConsumer completed) {
    long p = at.toEpochMilli() / periodMillis;
    if (p != period) {
      if (period != Long.MIN_VALUE && count > 0) {
        completed.accept(count);
      }
      period = p;
      count = 0;
    }
    count += n;
  }
}
