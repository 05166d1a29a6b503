package io.steward.monitoring.watch;

import io.steward.monitoring.MonitoringProperties;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When the node stops, what it counted since the last tick and learned since the last flush goes to the database,
 * so that a restart loses nothing: the counts first (one statement), then the baselines. Within two seconds at most: a
 * database that is already gone must not hold the stop up (each attempt could wait for a connection until the pool
 * gives up), and a node with very many users learning at once may lose its last half-minute of baseline learning.
 */
@Component
class FinalFlush {

  private static final Logger log = LoggerFactory.getLogger(FinalFlush.class);
  static final Duration BUDGET = Duration.ofSeconds(2);

  private final CountShare counts;
  private final BaselineFlush baselines;
  private final MonitoringProperties properties;

  FinalFlush(CountShare counts, BaselineFlush baselines, MonitoringProperties properties) {
    this.counts = counts;
    this.baselines = baselines;
    this.properties = properties;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (!properties.enabled()) {
      return;
    }
    Thread flush = new Thread(() -> {
      counts.share();
      baselines.flushAll();
    }, "steward-monitor-final-flush");
    flush.setDaemon(true);
    flush.start();
    flush.join(BUDGET.toMillis());
    if (flush.isAlive()) {
      log.warn("The monitor's last counts and baselines were not all stored within {} s; this node's latest learning may be lost",
          BUDGET.toSeconds());
    }
  }
}
