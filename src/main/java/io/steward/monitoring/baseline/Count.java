package io.steward.monitoring.baseline;

import java.time.Duration;

/**
 * The live counts the rules read, each a sliding window of sub-buckets, shared by all nodes
 * ({@code monitor_count}): the window's count is the sum of its last buckets, the current one included.
 * {@code periodsKept} windows' worth of buckets are kept, so that a completed fixed period can still be totalled
 * when it is learned a period later.
 */
public enum Count {
  READS_5M("reads-5m", Duration.ofMinutes(5), 10, 3),
  READS_1H("reads-1h", Duration.ofHours(1), 12, 3),
  READS_1D("reads-1d", Duration.ofDays(1), 24, 2),
  SINGLES_5M("singles-5m", Duration.ofMinutes(5), 10, 3),
  NOT_FOUND_5M("not-found-5m", Duration.ofMinutes(5), 10, 1),
  REVEALS_1H("reveals-1h", Duration.ofHours(1), 12, 3);

  private final String id;
  private final long windowMillis;
  private final int buckets;
  private final int periodsKept;

  Count(String id, Duration window, int buckets, int periodsKept) {
    this.id = id;
    this.windowMillis = window.toMillis();
    this.buckets = buckets;
    this.periodsKept = periodsKept;
  }

  /** The name in {@code monitor_count.counter}. */
  public String id() {
    return id;
  }

  public static Count ofId(String id) {
    for (Count c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown counter " + id);
  }

  public long windowMillis() {
    return windowMillis;
  }

  public long bucketMillis() {
    return windowMillis / buckets;
  }

  int buckets() {
    return buckets;
  }

  int periodsKept() {
    return periodsKept;
  }
}
