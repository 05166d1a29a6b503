package io.steward.access;

import io.steward.access.store.GrantStore;
import io.steward.access.store.GrantStore.GrantRow;
import io.steward.access.store.UserStore;
import io.steward.access.store.UserStore.UserRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Builds the principal for a user at this moment: enabled account, grants neither revoked nor expired, and
 * only those whose networks and hours admit this request. The user and grant rows are cached until the next
 * access change; time, network and hour are checked on every call.
 */
@Component
public class Principals {

  private final UserStore users;
  private final GrantStore grants;
  private final Roles roles;
  private final Clock clock;
  private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> lastMarked = new ConcurrentHashMap<>();
  private static final java.time.Duration MARK_USE_EVERY = java.time.Duration.ofMinutes(5);

  Principals(UserStore users, GrantStore grants, Roles roles, AccessChanges changes, Clock clock) {
    this.users = users;
    this.grants = grants;
    this.roles = roles;
    this.clock = clock;
    changes.onChange(cache::clear);
  }

  private record Entry(UserRow user, List<GrantRow> grants) {}

  /** The principal, or empty if the account is disabled or no grant is in force (access has ended). */
  public Optional<Principal> resolve(UUID userId, RequestInfo request) {
    Entry entry = cache.computeIfAbsent(userId, id -> users.find(id).map(u -> new Entry(u, grants.forUser(id))).orElse(null));
    if (entry == null || !entry.user().enabled()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<RolePolicy> inForce = new ArrayList<>();
    for (GrantRow g : entry.grants()) {
      if (g.activeAt(now) && admits(g, request, now)) {
        roles.find(g.roleName()).ifPresent(inForce::add);
        markUsed(g, now);
      }
    }
    if (inForce.isEmpty()) {
      return Optional.empty();
    }
    UserRow u = entry.user();
    return Optional.of(new Principal(u.id(), u.email(), u.displayName(), u.kind(), u.team(), inForce, request, null, u.freshMfaSince()));
  }

  /** Records when a grant was last used (at most every few minutes), for the access review. */
  private void markUsed(GrantRow g, Instant now) {
    Instant last = lastMarked.get(g.id());
    if (last == null || last.plus(MARK_USE_EVERY).isBefore(now)) {
      lastMarked.put(g.id(), now);
      grants.markUsed(g.id(), now);
    }
  }

  static boolean admits(GrantRow g, RequestInfo request, Instant now) {
    if (g.allowedNetworks() != null && !g.allowedNetworks().isBlank()) {
      if (request.ip() == null) {
        return false;
      }
      boolean matched = false;
      for (String cidr : g.allowedNetworks().split(",")) {
        if (!cidr.isBlank() && new IpAddressMatcher(cidr.trim()).matches(request.ip())) {
          matched = true;
          break;
        }
      }
      if (!matched) {
        return false;
      }
    }
    if (g.allowedHours() != null && !g.allowedHours().isBlank()) {
      String[] range = g.allowedHours().trim().split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = Integer.parseInt(range[1].trim());
      int hour = now.atOffset(ZoneOffset.UTC).getHour();
      return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
    }
    return true;
  }
}
