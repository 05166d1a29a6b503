package io.steward.access;

import io.steward.access.store.GrantStore;
import io.steward.access.store.GrantStore.GrantRow;
import io.steward.access.store.UserStore;
import io.steward.access.store.UserStore.UserRow;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Who holds which role right now: enabled users with a grant neither revoked nor expired. Network and hour
 * limits narrow when a grant works, not who holds it, so they are not applied here. For the data inventory's
 * "how many people can see this field".
 */
@Service
public class RoleHolders {

  private final UserStore users;
  private final GrantStore grants;
  private final Clock clock;

  RoleHolders(UserStore users, GrantStore grants, Clock clock) {
    this.users = users;
    this.grants = grants;
    this.clock = clock;
  }

  /** Role name to the ids of the users holding it. */
  public Map<String, Set<UUID>> byRole() {
    Set<UUID> enabled = new HashSet<>();
    for (UserRow u : users.all()) {
      if (u.enabled()) {
        enabled.add(u.id());
      }
    }
    Instant now = clock.instant();
    Map<String, Set<UUID>> out = new HashMap<>();
    for (GrantRow g : grants.all()) {
      if (g.activeAt(now) && enabled.contains(g.userId())) {
        out.computeIfAbsent(g.roleName(), r -> new HashSet<>()).add(g.userId());
      }
    }
    return out;
  }
}
