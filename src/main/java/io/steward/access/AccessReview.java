package io.steward.access;

import io.steward.access.store.GrantStore;
import io.steward.access.store.GrantStore.GrantRow;
import io.steward.access.store.SessionStore;
import io.steward.access.store.UserStore;
import io.steward.access.store.UserStore.UserRow;
import io.steward.shared.Classification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The access review: who holds what, what has not been used, which accounts sleep, which vendor access ends
 * soon; and the two questions a reviewer asks most — who can see this field, and what can this user see.
 */
@Service
public class AccessReview {

  private final UserStore users;
  private final GrantStore grants;
  private final SessionStore sessions;
  private final Roles roles;
  private final AccessPolicy policy;
  private final Clock clock;

  AccessReview(UserStore users, GrantStore grants, SessionStore sessions, Roles roles, AccessPolicy policy, Clock clock) {
    this.users = users;
    this.grants = grants;
    this.sessions = sessions;
    this.roles = roles;
    this.policy = policy;
    this.clock = clock;
  }

  /** One grant of one user; {@code sponsorId} is the internal sponsor of a vendor or contractor (null for staff). */
  public record GrantLine(UUID grantId, UUID userId, String email, String displayName, UserKind kind, String role, Instant expiresAt,
      Instant createdAt, Instant lastUsedAt, UUID sponsorId) {}

  public record UserLine(UUID userId, String email, String displayName, UserKind kind, boolean enabled, List<String> roles,
      Instant lastSignInAt, Instant lastTokenUseAt) {}

  public record Report(List<UserLine> users, List<GrantLine> unusedGrants, List<UserLine> dormantAccounts, List<GrantLine> vendorGrantsExpiringSoon,
      int unusedDays) {}

  public record FieldAccessLine(String role, FieldLevel level, long users) {}

  public Report report(int unusedDays) {
    Instant now = clock.instant();
    Instant unusedSince = now.minus(Duration.ofDays(unusedDays));
    Map<UUID, UserRow> byId = new LinkedHashMap<>();
    users.all().forEach(u -> byId.put(u.id(), u));
    List<UserLine> userLines = new ArrayList<>();
    List<UserLine> dormant = new ArrayList<>();
    List<GrantLine> unused = new ArrayList<>();
    List<GrantLine> expiring = new ArrayList<>();
    for (UserRow u : byId.values()) {
      List<GrantRow> active = grants.forUser(u.id()).stream().filter(g -> g.activeAt(now)).toList();
      Instant lastToken = sessions.tokensOf(u.id()).stream().map(SessionStore.TokenRow::lastUsedAt).filter(java.util.Objects::nonNull)
          .max(Comparator.naturalOrder()).orElse(null);
      UserLine line = new UserLine(u.id(), u.email(), u.displayName(), u.kind(), u.enabled(), active.stream().map(GrantRow::roleName).toList(),
          u.lastSignInAt(), lastToken);
      userLines.add(line);
      Instant lastActivity = latest(u.lastSignInAt(), lastToken, u.createdAt());
      if (u.enabled() && !active.isEmpty() && lastActivity.isBefore(unusedSince)) {
        dormant.add(line);
      }
      for (GrantRow g : active) {
        GrantLine gl = new GrantLine(g.id(), u.id(), u.email(), u.displayName(), u.kind(), g.roleName(), g.expiresAt(), g.createdAt(), g.lastUsedAt(),
            u.sponsorId());
        if (latest(g.lastUsedAt(), g.createdAt(), null).isBefore(unusedSince)) {
          unused.add(gl);
        }
        if (u.kind().isExternal() && g.expiresAt() != null && g.expiresAt().isBefore(now.plus(Duration.ofDays(7)))) {
          expiring.add(gl);
        }
      }
    }
    return new Report(userLines, unused, dormant, expiring, unusedDays);
  }

  /** For one field: each role's level, and how many users hold that role now. */
  public List<FieldAccessLine> whoCanSee(String objectType, String field, Classification classification) {
    Instant now = clock.instant();
    List<FieldAccessLine> out = new ArrayList<>();
    for (RolePolicy r : roles.all()) {
      FieldLevel level = r.actionsOn(objectType).contains(ObjectAction.READ) ? r.fieldLevel(objectType, field, classification) : FieldLevel.HIDDEN;
      if (level != FieldLevel.HIDDEN) {
        out.add(new FieldAccessLine(r.name(), level, grants.countActiveWithRole(r.name(), now)));
      }
    }
    return out;
  }

  /** Number of distinct enabled users who can read (unmasked or by reveal) a field now. */
  public long readersOf(String objectType, String field, Classification classification) {
    Instant now = clock.instant();
    return users.all().stream().filter(UserRow::enabled).filter(u -> grants.forUser(u.id()).stream()
        .filter(g -> g.activeAt(now))
        .map(g -> roles.find(g.roleName()))
        .flatMap(Optional::stream)
        .anyMatch(r -> r.actionsOn(objectType).contains(ObjectAction.READ)
            && r.fieldLevel(objectType, field, classification).atLeast(FieldLevel.READ)))
        .count();
  }

  /** What a user can do with an object type and see of a field, as the policy decides it right now. */
  public Optional<Principal> principalOf(UUID userId) {
    Optional<UserRow> u = users.find(userId);
    if (u.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<RolePolicy> inForce = grants.forUser(userId).stream().filter(g -> g.activeAt(now)).map(g -> roles.find(g.roleName()))
        .flatMap(Optional::stream).toList();
    UserRow row = u.get();
    return Optional.of(new Principal(row.id(), row.email(), row.displayName(), row.kind(), row.team(), row.enabled() ? inForce : List.of(),
        RequestInfo.NONE));
  }

  public AccessPolicy policy() {
    return policy;
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant best = Instant.EPOCH;
    for (Instant i : new Instant[] {a, b, c}) {
      if (i != null && i.isAfter(best)) {
        best = i;
      }
    }
    return best;
  }
}
