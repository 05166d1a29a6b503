package io.steward.monitoring.respond;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Accounts this node refuses at once, before the database says so: a suspension is in this set before the
 * account is disabled, so even a request already past authentication on this node is refused at the filter.
 * Other nodes stop the account when they see it disabled (within about a second, through AccessChanges).
 */
@Component
public class ContainedUsers {

  private final Set<UUID> suspended = ConcurrentHashMap.newKeySet();
  private final Set<UUID> exportsBlocked = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Long> sessionsEnded = new ConcurrentHashMap<>();
  private final Map<UUID, Long> freshMfaDemanded = new ConcurrentHashMap<>();
  private final AtomicLong ticks = new AtomicLong();

  /** A point in this node's order of events, taken when a request starts. */
  public long tick() {
    return ticks.incrementAndGet();
  }

  /** The account's sessions and tokens were ended: requests that started before now are refused too. */
  public void sessionsEnded(UUID userId) {
    sessionsEnded.put(userId, tick());
  }

  /** True if the account was suspended, or its sessions ended, since the request that took {@code startTick} began. */
  public boolean containedSince(UUID userId, long startTick) {
    return suspended.contains(userId) || sessionsEnded.getOrDefault(userId, Long.MIN_VALUE) > startTick;
  }

  /** A fresh second factor was demanded of the account: requests that started before now get the step-up answer. */
  public void freshMfaDemanded(UUID userId) {
    freshMfaDemanded.put(userId, tick());
  }

  /** True if a fresh second factor was demanded of the account since the request that took {@code startTick} began. */
  public boolean freshMfaDemandedSince(UUID userId, long startTick) {
    return freshMfaDemanded.getOrDefault(userId, Long.MIN_VALUE) > startTick;
  }

  public void suspend(UUID userId) {
    suspended.add(userId);
  }

  public void blockExports(UUID userId) {
    exportsBlocked.add(userId);
  }

  public boolean isSuspended(UUID userId) {
    return suspended.contains(userId);
  }

  public boolean exportsBlocked(UUID userId) {
    return exportsBlocked.contains(userId);
  }

  /** An administrator enabled the account again. */
  public void release(UUID userId) {
    suspended.remove(userId);
  }

  public void allowExports(UUID userId) {
    exportsBlocked.remove(userId);
  }
}
