package io.steward.crypto;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which keys this node's uncommitted transactions have used to write. The node reports a key version as adopted
 * (and a rotation, waiting for every node, goes on to sweep and retire the old key) only after every transaction
 * that wrapped or indexed with an old key has ended, so that no row written with it commits after the last sweep. Outside a transaction a write commits as it happens and holds nothing.
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

  /** True if an open transaction holds a key of the keyspace that the filter selects. */
  boolean held(String keyspace, IntPredicate keyIds) {
    String prefix = keyspace + "/";
    for (Map.Entry<String, AtomicInteger> e : holds.entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue().get() > 0 && keyIds.test(Integer.parseInt(e.getKey().substring(prefix.length())))) {
        return true;
      }
    }
    return false;
  }
}
