package io.steward.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.DataKeyStore.WrappedKey;
import io.steward.shared.RecordId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's memory of recently read <em>wrapped</em> data keys, so that reading a record usually needs no second
 * query to the key store. Only wrapped keys are kept: each still needs its key-encryption key to open, exactly as
 * if it had just been read from the key store. Plain data keys are never cached.
 *
 * <p>Why it is safe: a record keeps one data key per tier for life ({@link RecordCipher#seal}), so a cached key is
 * never outdated by a write. A rotation re-wraps keys; a cached key under the old key-encryption key opens until that
 * key is retired, and then {@link RecordCipher} reads the key store again and replaces the entry. Only keys read
 * outside a transaction, or whose transaction committed, are remembered, so a key written by a transaction that
 * rolled back is never used. Erasing a record forgets its keys here at once; other nodes forget them when they
 * follow the record change feed (the sort index's follower, every 2 s) and in any case when the entry expires
 * ({@code steward.crypto.data-key-cache-ttl}, 10 minutes by default). Each entry lives a random time between half the
 * TTL and the TTL, so keys read together (after a start, say) are not all read again in the same moment.
 */
public class WrappedKeyCache {

  private final Cache<UUID, Map<String, WrappedKey>> cache;

  /** A cache of at most {@code maxRecords} records' keys, each kept at most {@code ttl}; zero records turns it off. */
  public WrappedKeyCache(long maxRecords, Duration ttl) {
    this(maxRecords, ttl, Ticker.systemTicker());
  }

  WrappedKeyCache(long maxRecords, Duration ttl, Ticker ticker) {
    this.cache = maxRecords <= 0 ? null : Caffeine.newBuilder().maximumSize(maxRecords).expireAfter(new SpreadExpiry(ttl)).ticker(ticker).build();
  }

  /** Expiry a random time in [ttl / 2, ttl) after each write; reads do not extend it. */
  private record SpreadExpiry(Duration ttl) implements Expiry<UUID, Map<String, WrappedKey>> {
    @Override
    public long expireAfterCreate(UUID id, Map<String, WrappedKey> keys, long now) {
      long half = Math.max(1, ttl.toNanos() / 2);
      return half + ThreadLocalRandom.current().nextLong(half);
    }

    @Override
    public long expireAfterUpdate(UUID id, Map<String, WrappedKey> keys, long now, long remaining) {
      return expireAfterCreate(id, keys, now);
    }

    @Override
    public long expireAfterRead(UUID id, Map<String, WrappedKey> keys, long now, long remaining) {
      return remaining;
    }
  }

  public static WrappedKeyCache off() {
    return new WrappedKeyCache(0, Duration.ZERO);
  }

  /** The wrapped keys of these records, from memory where known, otherwise from the key store (and then remembered). */
  Map<UUID, Map<String, WrappedKey>> find(DataKeyStore store, Collection<RecordId> ids) {
    if (cache == null) {
      return store.find(ids);
    }
    Map<UUID, Map<String, WrappedKey>> found = new HashMap<>();
    List<RecordId> missing = new ArrayList<>();
    for (RecordId id : ids) {
      Map<String, WrappedKey> known = cache.getIfPresent(id.value());
      if (known != null) {
        found.put(id.value(), known);
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      Map<UUID, Map<String, WrappedKey>> read = store.find(missing);
      found.putAll(read);
      remember(read);
    }
    return found;
  }

  /** Replaces what is known of one record's keys after they were read from the key store again. */
  void refresh(UUID id, Map<String, WrappedKey> keys) {
    if (cache != null) {
      remember(Map.of(id, keys));
    }
  }

  /** Forgets a record's keys now and again when the erasing transaction commits (a read in between may have put them back). */
  void forget(UUID id) {
    if (cache == null) {
      return;
    }
    cache.invalidate(id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          cache.invalidate(id);
        }
      });
    }
  }

  private void remember(Map<UUID, Map<String, WrappedKey>> fromStore) {
    if (fromStore.isEmpty()) {
      return;
    }
    Map<UUID, Map<String, WrappedKey>> read = new HashMap<>();
    fromStore.forEach((id, keys) -> read.put(id, Map.copyOf(keys)));
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      cache.putAll(read);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        cache.putAll(read);
      }
    });
  }

  long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}
