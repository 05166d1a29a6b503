package io.steward.monitoring.watch;

import io.steward.monitoring.MonitoringProperties;
import io.steward.monitoring.rules.UserActivity;
import io.steward.monitoring.store.CountStore;
import io.steward.monitoring.store.CountStore.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares the live window counts between nodes, every {@code steward.monitoring.share-interval} (1 s): one batched
 * statement writes what this node counted since the last tick (each row a bucket's whole count so far, so writing it
 * twice does no harm), one query reads the other nodes' totals of the buckets they wrote since (30 s to spare for
 * clock skew and slow commits). Rules never wait for this: they decide on this node's counts plus the others' as last
 * read, so a burst spread over several nodes is seen at most about one tick late. Rows go once their buckets have
 * left their windows; a node that starts (or sees a user for the first time) reads that user's rows, and a node
 * that stops shares what it has not yet ({@link FinalFlush}), so counts survive restarts.
 */
@Component
public class CountShare {

  private static final Logger log = LoggerFactory.getLogger(CountShare.class);
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final Watcher watcher;
  private final CountStore store;
  private final MonitoringProperties properties;
  private final Clock clock;
  /** Wall-clock times: the table's updated_at is written and read by the system clock, never a drill's. */
  private Instant readSince = Instant.now().minus(MARGIN);
  private Instant lastPrune = Instant.now();
  /** The latest time this node counted at: in drill mode ahead of the system clock, and pruning follows it. */
  private Instant latestCounted = Instant.EPOCH;

  CountShare(Watcher watcher, CountStore store, MonitoringProperties properties, Clock clock) {
    this.watcher = watcher;
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${steward.monitoring.share-interval:1s}")
  public synchronized void tick() {
    if (!properties.enabled()) {
      return;
    }
    share();
    take();
    if (Instant.now().isAfter(lastPrune.plus(PRUNE_EVERY))) {
      lastPrune = Instant.now();
      prune();
    }
  }

  /** Writes this node's counts not yet shared. */
  synchronized void share() {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<UUID, UserActivity> e : watcher.activities()) {
      if (e.getValue().countsUnshared()) {
        UUID user = e.getKey();
        e.getValue().drainCounts((counter, bucket, n) -> rows.add(new Row(user, counter, bucket, n)));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    try {
      store.write(rows, Instant.now());
      for (Row r : rows) {
        Instant at = Instant.ofEpochMilli(r.bucket() * r.counter().bucketMillis());
        latestCounted = at.isAfter(latestCounted) ? at : latestCounted;
      }
    } catch (RuntimeException ex) {
      rows.forEach(r -> watcher.known(r.userId()).ifPresent(a -> a.unshareCount(r.counter(), r.bucket())));
      log.warn("Live counts not shared, will retry: {}", ex.toString());
    }
  }

  /** Reads what the other nodes counted, for the users this node holds (a user new to it reads its own). */
  private void take() {
    Instant started = Instant.now();
    if (watcher.activities().isEmpty()) {
      readSince = started.minus(MARGIN);
      return;
    }
    try {
      for (Row r : store.othersChangedSince(readSince)) {
        watcher.known(r.userId()).ifPresent(a -> a.otherNodes(r.counter(), r.bucket(), r.n()));
      }
      readSince = started.minus(MARGIN);
    } catch (RuntimeException ex) {
      log.warn("Other nodes' live counts not read, will retry: {}", ex.toString());
    }
  }

  private void prune() {
    Instant now = clock.instant();
    try {
      store.prune(latestCounted.isAfter(now) ? latestCounted : now);
    } catch (RuntimeException ex) {
      log.warn("Expired live counts not removed: {}", ex.toString());
    }
  }
}
