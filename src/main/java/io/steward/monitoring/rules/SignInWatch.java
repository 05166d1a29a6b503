package io.steward.monitoring.rules;

import io.steward.monitoring.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Failed sign-ins by address, across accounts: many accounts failing from one address is password spraying;
 * a success from an address that just failed for many accounts is credential stuffing that worked. Keeps at
 * most 10,000 addresses, dropping the least recently active.
 */
public final class SignInWatch {

  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int MAX_ADDRESSES = 10_000;

  private static final class Address {
    Instant windowStart;
    final Set<String> accounts = new HashSet<>();
    Instant sprayFired;
  }

  private final Map<String, Address> addresses = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Address> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  public synchronized List<Finding> failed(String ip, String account, Instant at, RuleContext rules) {
    if (ip == null) {
      return List.of();
    }
    Address a = current(ip, at);
    a.accounts.add(account == null || account.isBlank() ? "?" : account);
    long limit = rules.get(Rule.PASSWORD_SPRAY).threshold();
    if (a.accounts.size() >= limit && rules.on(Rule.PASSWORD_SPRAY) && (a.sprayFired == null || at.isAfter(a.sprayFired.plus(WINDOW)))) {
      a.sprayFired = at;
      return List.of(new Finding(Rule.PASSWORD_SPRAY, null, ip, at, a.accounts.size(),
          "Failed sign-ins for " + a.accounts.size() + " different accounts from " + ip + " within 10 minutes (limit " + limit + ")."));
    }
    return List.of();
  }

  public synchronized List<Finding> succeeded(String ip, UUID userId, Instant at, RuleContext rules) {
    List<Finding> out = new ArrayList<>();
    Address a = ip == null ? null : addresses.get(ip);
    if (a != null && a.windowStart != null && at.isBefore(a.windowStart.plus(WINDOW))) {
      long limit = rules.get(Rule.CREDENTIAL_STUFFING).threshold();
      if (a.accounts.size() >= limit && rules.on(Rule.CREDENTIAL_STUFFING)) {
        out.add(new Finding(Rule.CREDENTIAL_STUFFING, userId, ip, at, a.accounts.size(),
            "Signed in from " + ip + " right after failed sign-ins for " + a.accounts.size() + " accounts from there (limit " + limit + ")."));
      }
    }
    return out;
  }

  private Address current(String ip, Instant at) {
    Address a = addresses.computeIfAbsent(ip, k -> new Address());
    if (a.windowStart == null || at.isAfter(a.windowStart.plus(WINDOW))) {
      a.windowStart = at;
      a.accounts.clear();
    }
    return a;
  }
}
