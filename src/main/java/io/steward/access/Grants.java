package io.steward.access;

import io.steward.access.store.GrantStore;
import io.steward.access.store.GrantStore.GrantRow;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads grants for other modules (the REST API, admin pages) without exposing the access module's rows. */
@Service
public class Grants {

  private final GrantStore store;

  Grants(GrantStore store) {
    this.store = store;
  }

  public List<Grant> forUser(UUID userId) {
    return store.forUser(userId).stream().map(Grants::toGrant).toList();
  }

  private static Grant toGrant(GrantRow g) {
    return new Grant(g.id(), g.userId(), g.roleName(), g.expiresAt(), g.sponsorId(), g.allowedNetworks(), g.allowedHours(), g.reason(),
        g.createdBy(), g.createdAt(), g.revokedAt(), g.revokedBy(), g.lastUsedAt());
  }
}
