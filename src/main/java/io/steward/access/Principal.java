package io.steward.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is calling, with the roles in force at this moment (expired or revoked grants already removed) and
 * where the call came from. Built anew for every request, so a revocation is never outlived by a cache for
 * more than a couple of seconds. {@code mfaAt} is when this browser session last passed a second factor (null
 * for API tokens and password-only sessions); {@link StepUp} reads it.
 */
public record Principal(
    UUID userId, String email, String displayName, UserKind kind, String team, List<RolePolicy> roles, RequestInfo request,
    Instant mfaAt) {

  public static final UUID SYSTEM_ID = new UUID(0, 0);

  public Principal {
    roles = List.copyOf(roles);
    request = request == null ? RequestInfo.NONE : request;
  }

  /** A principal without a second factor on record. */
  public Principal(UUID userId, String email, String displayName, UserKind kind, String team, List<RolePolicy> roles, RequestInfo request) {
    this(userId, email, displayName, kind, team, roles, request, null);
  }

  /** Steward itself (CLI commands, demo data, background jobs): every permission, audited as "system". */
  public static Principal system() {
    return new Principal(SYSTEM_ID, "system", "Steward", UserKind.STAFF, null, List.of(BuiltInRoles.admin()), RequestInfo.NONE);
  }

  public boolean isSystem() {
    return SYSTEM_ID.equals(userId);
  }

  public String actorId() {
    return isSystem() ? "system" : userId.toString();
  }

  public Principal withRequest(RequestInfo info) {
    return new Principal(userId, email, displayName, kind, team, roles, info, mfaAt);
  }

  /** The same principal, having passed a second factor at the given time. */
  public Principal withMfaAt(Instant at) {
    return new Principal(userId, email, displayName, kind, team, roles, request, at);
  }

  public List<String> roleNames() {
    return roles.stream().map(RolePolicy::name).toList();
  }

  @Override
  public String toString() {
    return "Principal[" + actorId() + ", roles=" + roleNames() + "]";
  }
}
