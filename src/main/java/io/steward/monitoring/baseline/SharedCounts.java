package io.steward.monitoring.baseline;

import java.time.Instant;

/**
 * One user's live counts ({@link Count}), this node's and the other nodes', in bounded space (about 4.5 KB). Not
 * thread-safe: its owner guards it; only {@link #unshared()} may be read without the owner's lock.
 */
public final class SharedCounts {

  private final WindowCounter[] counters = new WindowCounter[Count.values().length];
  private volatile boolean unshared;

  public SharedCounts() {
    for (Count c : Count.values()) {
      counters[c.ordinal()] = new WindowCounter(c);
    }
  }

  public WindowCounter get(Count c) {
    return counters[c.ordinal()];
  }

  public void add(Count c, Instant at, long n) {
    counters[c.ordinal()].add(at, n);
    if (n != 0) {
      unshared = true;
    }
  }

  public long sum(Count c, Instant now) {
    return counters[c.ordinal()].sum(now);
  }

  /** True if this node counted something since it last shared its counts (read without the owner's lock). */
  public boolean unshared() {
    return unshared;
  }

  /** Hands every count of this node's not yet shared to {@code out}; they count as shared from now. */
  public void drainUnshared(CountSink out) {
    unshared = false;
    for (Count c : Count.values()) {
      counters[c.ordinal()].drainUnshared((bucket, n) -> out.accept(c, bucket, n));
    }
  }

  /** Sharing failed: share this bucket (and later ones of the counter) again at the next chance. */
  public void unshare(Count c, long bucket) {
    counters[c.ordinal()].unshare(bucket);
    unshared = true;
  }

  /** Receives (counter, bucket, count). */
  @FunctionalInterface
  public interface CountSink {
    void accept(Count counter, long bucket, long count);
  }
}
