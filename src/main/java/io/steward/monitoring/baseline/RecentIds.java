package io.steward.monitoring.baseline;

import java.time.Instant;

/**
 * Which records a user saw lately, approximately, in 4 KB: two generations of a 16,384-bit set, rotated
 * every four hours (so a record counts about once per working morning or afternoon). Counting only records not seen lately keeps a person who opens the same list page all morning
 * from looking like someone walking the whole table; a false "seen" (a bit collision) undercounts by little.
 */
public final class RecentIds {

  private static final long GENERATION_MILLIS = 4 * 3_600_000L;
  private long[] current = new long[256];
  private long[] previous = new long[256];
  private long generation = Long.MIN_VALUE;

  /** Marks the record seen; true if it was not seen in the last four to eight hours. */
  public boolean firstSight(String recordId, Instant at) {
    long g = at.toEpochMilli() / GENERATION_MILLIS;
    if (g != generation) {
      previous = g == generation + 1 ? current : new long[256];
      current = new long[256];
      generation = g;
    }
    int bit = mix(recordId.hashCode()) & 16383;
    long mask = 1L << (bit & 63);
    boolean seen = (current[bit >>> 6] & mask) != 0 || (previous[bit >>> 6] & mask) != 0;
    current[bit >>> 6] |= mask;
    return !seen;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
