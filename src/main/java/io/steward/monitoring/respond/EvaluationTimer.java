package io.steward.monitoring.respond;

import java.util.Arrays;
import org.springframework.stereotype.Component;

/** How long rule evaluation takes per audited call: the last 65,536 samples, for p50 and p99. */
@Component
public class EvaluationTimer {

  private final long[] samples = new long[65_536];
  private long count;

  public synchronized void add(long nanos) {
    samples[(int) (count++ & (samples.length - 1))] = nanos;
  }

  public synchronized long count() {
    return count;
  }

  /** The q-quantile (0..1) of recent samples, in nanoseconds; 0 if none yet. */
  public long quantile(double q) {
    long[] copy;
    synchronized (this) {
      copy = Arrays.copyOf(samples, (int) Math.min(count, samples.length));
    }
    if (copy.length == 0) {
      return 0;
    }
    Arrays.sort(copy);
    return copy[(int) Math.min(copy.length - 1, Math.floor(q * copy.length))];
  }
}
