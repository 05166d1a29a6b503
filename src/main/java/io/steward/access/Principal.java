package io.steward.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is calling, with the roles in force at this moment (expired or revoked grants already removed) and
 * where the call came from. Built anew for every request, so a revocation is never outlived by a cache for
 * more than a couple of seconds. {@code mfaAt} is when this browser session last passed a second factor (null
 * for API tokens and password-only sessions); {@link StepUp} reads it. {@code freshMfaSince} is set when a fresh
 * second factor was demanded of the account ({@link FreshMfa}) and this session or token has not given one since:
 * such a caller is refused everything but the step-up page ({@link #owesFreshMfa()}).
 */
public record Principal(
    UUID userId, String email, String displayName, UserKind kind, String team, List<RolePolicy> roles, RequestInfo request,
    Instant mfaAt, Instant freshMfaSince) {

  public static final UUID SYSTEM_ID = new UUID(0, 0);

  public Principal {
    roles = List.copyOf(roles);
    request = request == null ? RequestInfo.NONE : request;
  }

  /** A principal owing nothing. */
  public Principal(UUID userId, String email, String displayName, UserKind kind, String team, List<RolePolicy> roles, RequestInfo request,
      Instant mfaAt) {
    this(userId, email, displayName, kind, team, roles, request, mfaAt, null);
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
    return new Principal(userId, email, displayName, kind, team, roles, info, mfaAt, freshMfaSince);
  }

  /** The same principal, having passed a second factor at the given time. */
  public Principal withMfaAt(Instant at) {
    return new Principal(userId, email, displayName, kind, team, roles, request, at, freshMfaSince);
  }

  /** The same principal, owing a second factor newer than {@code since} (null: owing nothing). */
  public Principal withFreshMfaSince(Instant since) {
    return new Principal(userId, email, displayName, kind, team, roles, request, mfaAt, since);
  }

  /** A fresh second factor was demanded of the account and this caller has not given one since. */
  public boolean owesFreshMfa() {
    return freshMfaSince != null && (mfaAt == null || !mfaAt.isAfter(freshMfaSince));
  }

  public List<String> roleNames() {
    return roles.stream().map(RolePolicy::name).toList();
  }

  @Override
  public String toString() {
    return "Principal[" + actorId() + ", roles=" + roleNames() + "]";
  }
}
