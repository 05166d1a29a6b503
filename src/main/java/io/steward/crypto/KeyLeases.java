package io.steward.crypto;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which keys uncommitted transactions have used to write. A rotation retires an old key only after every
 * transaction that wrapped or indexed with it has ended, so that no row written with the old key commits after
 * the rotation's last sweep. Outside a transaction a write commits as it happens and holds nothing.
 */
final class KeyLeases {

  private final Map<String, AtomicInteger> holds = new ConcurrentHashMap<>();

  /** Marks a key as in use by the current transaction until it completes; idempotent within a transaction. */
  void holdUntilCompletion(String keyspace, int keyId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    String key = keyspace + "/" + keyId;
    @SuppressWarnings("unchecked")
    Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(this);
    if (held == null) {
      Set<String> fresh = new HashSet<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KeyLeases.this);
          fresh.forEach(k -> holds.get(k).decrementAndGet());
        }
      });
      held = fresh;
    }
    if (held.add(key)) {
      holds.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Waits until no open transaction holds a key of the keyspace that the filter selects; false on time-out. */
  boolean awaitReleased(String keyspace, IntPredicate keyIds, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (held(keyspace, keyIds)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private boolean held(String keyspace, IntPredicate keyIds) {
    String prefix = keyspace + "/";
    for (Map.Entry<String, AtomicInteger> e : holds.entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue().get() > 0 && keyIds.test(Integer.parseInt(e.getKey().substring(prefix.length())))) {
        return true;
      }
    }
    return false;
  }
}
