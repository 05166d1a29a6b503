package io.steward.api.accounts;

import io.steward.access.Accounts.UserSummary;
import io.steward.access.AdminPermission;
import io.steward.access.ApiTokens.TokenInfo;
import io.steward.access.FieldLevel;
import io.steward.access.Grant;
import io.steward.access.ObjectAction;
import io.steward.access.RolePolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The JSON shapes of users, grants, tokens and roles: built field by field from the access module's views. */
final class AccountJson {

  private AccountJson() {}

  record UserResponse(UUID id, String email, String displayName, String kind, String team, UUID sponsorId, boolean enabled,
      Instant createdAt, Instant lastSignInAt, List<String> roles) {}

  record UserDetailResponse(UUID id, String email, String displayName, String kind, String team, UUID sponsorId, boolean enabled,
      Instant createdAt, Instant lastSignInAt, int activeSessions, List<GrantResponse> grants) {}

  record GrantResponse(UUID id, String role, boolean active, Instant expiresAt, List<String> allowedNetworks, String allowedHours,
      String reason, String createdBy, Instant createdAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {}

  record TokenResponse(UUID id, String name, String hint, boolean active, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
      String lastIp, Instant revokedAt) {}

  record RoleResponse(String name, String label, boolean builtin, String scope, Map<String, List<String>> objects,
      Map<String, String> classifications, Map<String, String> fields, List<String> admin) {}

  static UserResponse user(UserSummary u, List<Grant> grants, Instant now) {
    return new UserResponse(u.id(), u.email(), u.displayName(), lower(u.kind()), u.team(), u.sponsorId(), u.enabled(), u.createdAt(),
        u.lastSignInAt(), grants.stream().filter(g -> g.activeAt(now)).map(Grant::role).distinct().sorted().toList());
  }

  static UserDetailResponse detail(UserSummary u, List<Grant> grants, int activeSessions, Instant now) {
    return new UserDetailResponse(u.id(), u.email(), u.displayName(), lower(u.kind()), u.team(), u.sponsorId(), u.enabled(), u.createdAt(),
        u.lastSignInAt(), activeSessions, grants.stream().map(g -> grant(g, now)).toList());
  }

  static GrantResponse grant(Grant g, Instant now) {
    List<String> networks = g.allowedNetworks() == null ? List.of()
        : Arrays.stream(g.allowedNetworks().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new GrantResponse(g.id(), g.role(), g.activeAt(now), g.expiresAt(), networks, g.allowedHours(), g.reason(), g.createdBy(),
        g.createdAt(), g.revokedAt(), g.revokedBy(), g.lastUsedAt());
  }

  static TokenResponse token(TokenInfo t, Instant now) {
    boolean active = t.revokedAt() == null && t.expiresAt().isAfter(now);
    return new TokenResponse(t.id(), t.name(), t.hint(), active, t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.lastIp(), t.revokedAt());
  }

  static RoleResponse role(RolePolicy r) {
    Map<String, List<String>> objects = new TreeMap<>();
    r.objects().forEach((type, actions) -> objects.put(type, actions.stream().map(ObjectAction::name).map(AccountJson::lower).sorted().toList()));
    Map<String, String> classifications = new TreeMap<>();
    r.classifications().forEach((c, level) -> classifications.put(c.apiName(), level(level)));
    Map<String, String> fields = new TreeMap<>();
    r.fields().forEach((f, level) -> fields.put(f, level(level)));
    return new RoleResponse(r.name(), r.label(), r.builtin(), lower(r.scope()), objects, classifications, fields,
        r.admin().stream().map(AdminPermission::name).map(AccountJson::lower).sorted().toList());
  }

  static String level(FieldLevel level) {
    return lower(level);
  }

  static String lower(Enum<?> e) {
    return e == null ? null : lower(e.name());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
