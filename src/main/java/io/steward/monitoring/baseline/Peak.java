package io.steward.monitoring.baseline;

import java.time.Duration;
import java.time.Instant;

/**
 * A user's usual peak of something per window: the largest completed window seen, fading with a two-week
 * half-life so that one busy day long ago does not raise the bar for ever. Merging two is taking the larger.
 */
public record Peak(double value, long atMillis) {

  static final Duration HALF_LIFE = Duration.ofDays(14);
  public static final Peak NONE = new Peak(0, 0);

  public double at(Instant now) {
    if (value == 0) {
      return 0;
    }
    long age = Math.max(0, now.toEpochMilli() - atMillis);
    return value * Math.pow(0.5, (double) age / HALF_LIFE.toMillis());
  }

  public Peak offer(double count, Instant now) {
    double current = at(now);
    return count > current ? new Peak(count, now.toEpochMilli()) : this;
  }

  public Peak merge(Peak other) {
    Instant later = Instant.ofEpochMilli(Math.max(atMillis, other.atMillis));
    return at(later) >= other.at(later) ? this : other;
  }
}
