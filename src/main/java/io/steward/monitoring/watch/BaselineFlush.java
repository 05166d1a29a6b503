package io.steward.monitoring.watch;

import io.steward.monitoring.baseline.Baseline;
import io.steward.monitoring.rules.UserActivity;
import io.steward.monitoring.store.BaselineStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes what this node learned into the shared baselines every {@code steward.monitoring.flush-interval}, and
 * takes back what other nodes learned (and when the node stops: {@link FinalFlush}). Rules never wait for this: they run on the in-memory
 * state. Users not seen on this node for {@link #IDLE} are then let go of, so the node's state stays bounded by the
 * users active in the last day or so.
 */
@Component
class BaselineFlush {

  private static final Logger log = LoggerFactory.getLogger(BaselineFlush.class);
  /** Longer than the longest window (a day), so that nothing a rule reads is let go of. */
  static final Duration IDLE = Duration.ofHours(26);

  private final Watcher watcher;
  private final BaselineStore store;
  private final Clock clock;

  BaselineFlush(Watcher watcher, BaselineStore store, Clock clock) {
    this.watcher = watcher;
    this.store = store;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${steward.monitoring.flush-interval:30s}")
  public void flush() {
    flushAll();
    watcher.forgetIdle(System.currentTimeMillis() - IDLE.toMillis());
  }

  void flushAll() {
    for (Map.Entry<UUID, UserActivity> e : watcher.activities()) {
      flush(e.getKey(), e.getValue());
    }
  }

  void flush(UUID userId, UserActivity activity) {
    Baseline taken;
    synchronized (activity) {
      if (!activity.baseline().isDirty()) {
        return;
      }
      taken = activity.baseline().takeForFlush();
    }
    try {
      for (int attempt = 0; attempt < 5; attempt++) {
        Optional<BaselineStore.Versioned> stored = store.find(userId);
        Baseline merged = taken.mergedInto(stored.map(BaselineStore.Versioned::baseline).orElseGet(Baseline::new));
        if (store.save(userId, merged, stored, clock.instant())) {
          synchronized (activity) {
            activity.baseline().rebase(merged);
          }
          return;
        }
      }
      throw new IllegalStateException("the baseline kept changing under this node");
    } catch (RuntimeException ex) {
      synchronized (activity) {
        activity.baseline().restoreDeltas(taken);
      }
      log.warn("Baseline of {} not flushed, will retry: {}", userId, ex.toString());
    }
  }
}
