package io.steward.crypto;

import io.steward.crypto.store.KeyVersionStore;
import io.steward.crypto.store.KeyVersionStore.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node among the others sharing the database: every poll interval it asks for the key version in force (adopting
 * newer key material, see {@link KeyRing#refresh}) and writes its heartbeat with the version it has adopted. A rotation
 * asks it to wait until every live node has adopted a version; a node whose last heartbeat is older than the node
 * timeout counts as gone. Runs in servers and in commands alike (its own thread, not Spring's scheduler, started and
 * stopped with the application context).
 */
public class KeyNodes implements SmartLifecycle, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KeyNodes.class);
  private static final Duration WAIT_STEP = Duration.ofMillis(100);
  private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

  private final KeyRing ring;
  private final KeyVersionStore versions;
  private final Duration poll;
  private final List<Runnable> afterPoll = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;
  private int failures;
  private long polls;

  /** A node that does not poll (tests, tools): it waits only for its own transactions and for nodes that do. */
  public KeyNodes(KeyRing ring) {
    this(ring, Duration.ofSeconds(1));
  }

  public KeyNodes(KeyRing ring, Duration poll) {
    this.ring = ring;
    this.versions = ring.versions();
    this.poll = poll;
  }

  /** Starts polling (a no-op for a ring without a database): before the web server starts serving. */
  @Override
  public synchronized void start() {
    if (versions != null && poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "key-nodes");
        t.setDaemon(true);
        return t;
      });
      poller.scheduleWithFixedDelay(this::poll, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops polling and leaves, after the web server has stopped serving: the other nodes no longer wait for this one.
   * (Also when a test framework pauses a cached application context.)
   */
  @Override
  public synchronized void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
      String id = ring.nodeId();
      if (!bestEffort(() -> versions.leave(id))) {
        log.warn("Could not remove this node's heartbeat; the others treat it as gone after {}", ring.nodeTimeout());
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  /** Earlier than the web server's phase: started before it serves, stopped after it stopped. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Database work at shutdown, given two seconds at most: the database may be going away too, and a connection
   * pool would wait much longer for it. False if it failed or did not finish in time (it may still finish later).
   */
  static boolean bestEffort(Runnable work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        work.run();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, "key-nodes-leave");
    t.setDaemon(true);
    t.start();
    try {
      done.get(2, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      t.interrupt(); // stop waiting for a connection, so that the pool does not go on opening one for it
      return false;
    }
  }

  /** Runs after every poll (the rotation takes over jobs of nodes that are gone). */
  void afterPoll(Runnable task) {
    afterPoll.add(task);
  }

  /** One poll: adopt newer key material, report the adopted version. Never throws (the next poll tries again). */
  void poll() {
    try {
      long at = System.nanoTime();
      try {
        ring.refresh();
      } finally {
        // Still alive while it cannot load new material: it does not report the new version as adopted, so rotations
        // wait for it, and it may go on writing with the primary it holds.
        versions.heartbeat(ring.nodeId(), ring.nodeName(), ring.adoptedVersion());
        ring.confirm(at);
      }
      if (++polls % 600 == 0) {
        versions.forgetSilent(versions.liveSince(ring.nodeTimeout().multipliedBy(20)));
      }
      if (failures > 0) {
        log.info("Key version polling works again (key version {})", ring.version());
      }
      failures = 0;
    } catch (RuntimeException e) {
      // A key file being replaced is read again a second later; say so only when it lasts.
      if (++failures == 5 || failures % 300 == 0) {
        log.warn("This node cannot follow key changes ({} polls failed): {}", failures, e.getMessage());
      }
      return;
    }
    for (Runnable task : afterPoll) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("Work after a key poll failed", e);
      }
    }
  }

  /** Live nodes other than this one (empty for a ring without a database). */
  List<Node> others() {
    if (versions == null) {
      return List.of();
    }
    return versions.liveNodes(ring.nodeTimeout()).stream().filter(n -> !n.id().equals(ring.nodeId())).toList();
  }

  /** Ids of live nodes, this one included. */
  Set<String> liveIds() {
    Set<String> ids = others().stream().map(Node::id).collect(Collectors.toSet());
    ids.add(ring.nodeId());
    return ids;
  }

  /**
   * Waits until this node and every other live node have adopted the key version (loaded it, and no transaction of
   * theirs still writes with a key that is not primary in it); false if that takes longer than the limit.
   */
  boolean awaitAdopted(long version, Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long nextReport = start + REPORT_EVERY.toNanos();
    while (true) {
      if (ring.version() < version) {
        ring.refresh();
      }
      List<Node> behind = others().stream().filter(n -> n.keyVersion() < version).toList();
      boolean here = ring.adoptedVersion() >= version;
      if (here && behind.isEmpty()) {
        return true;
      }
      long now = System.nanoTime();
      if (now - start > limit.toNanos()) {
        log.warn("Key version {} is not adopted after {} by {}", version, limit, describe(here, behind));
        return false;
      }
      if (now > nextReport) {
        log.info("Waiting for {} to adopt key version {}", describe(here, behind), version);
        nextReport = now + REPORT_EVERY.toNanos();
      }
      Thread.sleep(WAIT_STEP.toMillis());
    }
  }

  private String describe(boolean here, List<Node> behind) {
    String others = behind.stream().map(n -> n.name() + " (at " + n.keyVersion() + ")").collect(Collectors.joining(", "));
    return here ? others : "this node's open transactions" + (others.isEmpty() ? "" : " and " + others);
  }

  /** A node as the keys page shows it. */
  public record NodeStatus(String name, long keyVersion, Instant lastSeen, boolean live, boolean thisNode) {}

  /** Every node heard from recently, live or not, with the key version it reports. */
  List<NodeStatus> nodes() {
    if (versions == null) {
      return List.of(new NodeStatus(ring.nodeName(), ring.adoptedVersion(), Instant.now(), true, true));
    }
    Instant since = versions.liveSince(ring.nodeTimeout());
    return versions.nodes().stream()
        .map(n -> new NodeStatus(n.name(), n.keyVersion(), n.seenAt(), n.seenAt().isAfter(since), n.id().equals(ring.nodeId())))
        .toList();
  }
}
