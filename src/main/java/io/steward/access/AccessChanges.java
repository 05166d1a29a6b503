package io.steward.access;

import io.steward.access.store.SessionStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a change to users, roles, grants, sessions or tokens felt everywhere: the local caches drop at once,
 * and every other node notices the bumped version within a second.
 */
@Component
public class AccessChanges {

  private final SessionStore store;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile long seen;

  AccessChanges(SessionStore store) {
    this.store = store;
    this.seen = store.accessVersion();
  }

  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Records a change: drops local caches now and tells other nodes through the database. */
  public void changed() {
    store.bumpAccessVersion();
    listeners.forEach(Runnable::run);
  }

  /**
   * As {@link #changed()}, and the local caches drop once more when the surrounding transaction commits: a request on
   * this node that reloaded them between the change and the commit would otherwise keep the old state until the poll.
   */
  void changedNowAndAtCommit() {
    changed();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          listeners.forEach(Runnable::run);
        }
      });
    }
  }

  @Scheduled(fixedDelayString = "${steward.access.poll-ms:1000}")
  public void poll() {
    long version = store.accessVersion();
    if (version != seen) {
      seen = version;
      listeners.forEach(Runnable::run);
    }
  }
}
