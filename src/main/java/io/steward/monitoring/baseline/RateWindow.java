package io.steward.monitoring.baseline;

import java.time.Instant;

/** A sliding count over a fixed ring of buckets: bounded memory, O(1) to add, O(buckets) to sum. */
public final class RateWindow {

  private final long bucketMillis;
  private final long[] counts;
  private final long[] stamps;

  public RateWindow(long windowMillis, int buckets) {
    this.bucketMillis = windowMillis / buckets;
    this.counts = new long[buckets];
    this.stamps = new long[buckets];
  }

  public void add(Instant at, long n) {
    long b = at.toEpochMilli() / bucketMillis;
    int i = (int) Math.floorMod(b, (long) counts.length);
    if (stamps[i] != b) {
      stamps[i] = b;
      counts[i] = 0;
    }
    counts[i] += n;
  }

  public long sum(Instant now) {
    long b = now.toEpochMilli() / bucketMillis;
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (stamps[i] > b - counts.length && stamps[i] <= b) {
        total += counts[i];
      }
    }
    return total;
  }
}
