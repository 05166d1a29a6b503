package io.steward.monitoring.baseline;

import java.time.Instant;
import java.util.Arrays;

/**
 * A sliding count over a ring of sub-buckets (ten of 30 seconds for 5 minutes, say): the count is the sum of the
 * window's last buckets, the current one included, so it slides on every sub-bucket instead of starting again from
 * zero at each fixed boundary. Each bucket holds this node's own count apart from the other nodes' total as they
 * last shared it. Bounded memory; O(1) to add, O(buckets in the window) to sum. Not thread-safe: its owner guards it.
 */
public final class WindowCounter {

  private static final long NONE = Long.MIN_VALUE;

  private final long bucketMillis;
  private final int windowBuckets;
  private final long[] stamps;
  private final long[] local;
  private final long[] remote;
  /** The oldest bucket with counts of this node's not yet shared; NONE when all are. */
  private long unsharedFrom = NONE;

  public WindowCounter(Count count) {
    this.bucketMillis = count.bucketMillis();
    this.windowBuckets = count.buckets();
    int ring = count.buckets() * count.periodsKept();
    this.stamps = new long[ring];
    this.local = new long[ring];
    this.remote = new long[ring];
    Arrays.fill(stamps, NONE);
  }

  public long bucketOf(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), bucketMillis);
  }

  /** The fixed period (a whole window, aligned to the epoch) that {@code at} falls in. */
  public long periodOf(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), bucketMillis * windowBuckets);
  }

  public Instant periodEnd(long period) {
    return Instant.ofEpochMilli((period + 1) * bucketMillis * windowBuckets);
  }

  /** Counts n at the given time, as this node's. A time older than the ring holds is outside every window: ignored. */
  public void add(Instant at, long n) {
    long b = bucketOf(at);
    int i = hold(b);
    if (i >= 0 && n != 0) {
      local[i] += n;
      unsharedFrom = unsharedFrom == NONE ? b : Math.min(unsharedFrom, b);
    }
  }

  /** The other nodes' total for a bucket, as they last shared it. */
  public void setRemote(long bucket, long total) {
    int i = hold(bucket);
    if (i >= 0) {
      remote[i] = total;
    }
  }

  /** The count over the window that ends with the bucket of {@code now}: this node's and the others'. */
  public long sum(Instant now) {
    long last = bucketOf(now);
    long total = 0;
    for (long b = last - windowBuckets + 1; b <= last; b++) {
      int i = slot(b);
      if (stamps[i] == b) {
        total += local[i] + remote[i];
      }
    }
    return total;
  }

  /** The count of one fixed period, or -1 if the ring no longer holds all of it. */
  public long periodTotal(long period) {
    long total = 0;
    for (long b = period * windowBuckets; b < (period + 1) * windowBuckets; b++) {
      int i = slot(b);
      if (stamps[i] == b) {
        total += local[i] + remote[i];
      } else if (stamps[i] > b) {
        return -1;
      }
    }
    return total;
  }

  public boolean unshared() {
    return unsharedFrom != NONE;
  }

  /** Hands this node's counts of every bucket not yet shared (bucket, count) to {@code out}; they count as shared from now. */
  public void drainUnshared(BucketSink out) {
    if (unsharedFrom == NONE) {
      return;
    }
    for (int i = 0; i < stamps.length; i++) {
      if (stamps[i] != NONE && stamps[i] >= unsharedFrom && local[i] > 0) {
        out.accept(stamps[i], local[i]);
      }
    }
    unsharedFrom = NONE;
  }

  /** Sharing failed: the bucket (and every later one) will be shared again. */
  public void unshare(long bucket) {
    unsharedFrom = unsharedFrom == NONE ? bucket : Math.min(unsharedFrom, bucket);
  }

  /** The slot holding bucket b, cleared if it held an older one; -1 if it holds a newer one (b is too old). */
  private int hold(long b) {
    int i = slot(b);
    if (stamps[i] > b) {
      return -1;
    }
    if (stamps[i] != b) {
      stamps[i] = b;
      local[i] = 0;
      remote[i] = 0;
    }
    return i;
  }

  private int slot(long b) {
    return (int) Math.floorMod(b, (long) stamps.length);
  }

  /** Receives (bucket, count) pairs. */
  @FunctionalInterface
  public interface BucketSink {
    void accept(long bucket, long count);
  }
}
