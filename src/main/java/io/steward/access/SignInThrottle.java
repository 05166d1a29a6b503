package io.steward.access;

import io.steward.access.store.ThrottleStore;
import io.steward.access.store.ThrottleStore.Failures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes guessing not pay, without letting a guesser lock the owner out. Three counters, all in the database so
 * every node sees them, all keyed by what was typed (so an unknown account behaves exactly like a known one):
 *
 * <ol>
 *   <li><b>account and address</b>: after a few failures, each further attempt from that address for that account
 *       waits twice as long as the last, up to a temporary lock ({@code throttle-max-lock}). A success from that
 *       address forgives them. Another address is not affected, so the attacker's lock is only the attacker's.
 *   <li><b>account, from anywhere</b>: many failures across addresses only slow the account down (a short wait,
 *       at most {@code throttle-account-max-delay}), and a browser that signed in as this user before (a known
 *       device) skips this wait entirely.
 *   <li><b>address, across accounts</b>: failures for many different accounts, or very many failures, from one
 *       address are credential stuffing: that address is blocked for {@code throttle-ip-block}, except for
 *       known devices of the account being tried.
 * </ol>
 */
@Component
public class SignInThrottle {

  private static final Duration PAIR_MEMORY = Duration.ofHours(24);
  private static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);

  private final ThrottleStore store;
  private final AccessProperties properties;
  private final Clock clock;

  SignInThrottle(ThrottleStore store, AccessProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /** Whether an attempt may go ahead now, and if not, how long until it may. */
  public record Verdict(boolean allowed, Duration retryAfter, String reason) {
    static final Verdict ALLOW = new Verdict(true, Duration.ZERO, "allowed");
  }

  public Verdict check(String account, String ip, boolean knownDevice) {
    if (knownDevice) {
      return Verdict.ALLOW;
    }
    String a = accountKey(account);
    String address = ip == null ? "unknown" : ip;
    Instant now = clock.instant();

    Failures pair = store.forPair(a, address, now.minus(PAIR_MEMORY));
    int free = properties.throttleFreeFailures();
    if (pair.count() >= free) {
      Duration wait = min(Duration.ofSeconds(1L << Math.min(30, pair.count() - free)), properties.throttleMaxLock());
      Instant until = pair.last().plus(wait);
      if (now.isBefore(until)) {
        return new Verdict(false, Duration.between(now, until), "account-address");
      }
    }

    Failures fromIp = store.forIp(address, now.minus(properties.throttleIpBlock()));
    if (fromIp.count() > 0 && (store.distinctAccountsFromIp(address, now.minus(properties.throttleIpBlock())) >= properties.throttleIpAccounts()
        || fromIp.count() >= properties.throttleIpFailures())) {
      Instant until = fromIp.last().plus(properties.throttleIpBlock());
      if (now.isBefore(until)) {
        return new Verdict(false, Duration.between(now, until), "address");
      }
    }

    Failures all = store.forAccount(a, now.minus(ACCOUNT_WINDOW));
    int accountFree = properties.throttleAccountFreeFailures();
    if (all.count() >= accountFree) {
      Duration wait = min(Duration.ofSeconds(1L << Math.min(30, all.count() - accountFree)), properties.throttleAccountMaxDelay());
      Instant until = all.last().plus(wait);
      if (now.isBefore(until)) {
        return new Verdict(false, Duration.between(now, until), "account");
      }
    }
    return Verdict.ALLOW;
  }

  public void failed(String account, String ip) {
    store.recordFailure(accountKey(account), ip == null ? "unknown" : ip, clock.instant());
  }

  public void succeeded(String account, String ip) {
    store.forgivePair(accountKey(account), ip == null ? "unknown" : ip);
  }

  @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
  public void purge() {
    store.purgeBefore(clock.instant().minus(PAIR_MEMORY));
  }

  /** What the counters are keyed by: a hash of the normalised email, never the email itself. */
  static String accountKey(String account) {
    String normal = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("steward-throttle|" + normal).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
