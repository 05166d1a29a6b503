package io.steward.access;

import io.steward.access.store.GrantStore;
import io.steward.access.store.GrantStore.GrantRow;
import io.steward.access.store.SessionStore;
import io.steward.access.store.UserStore;
import io.steward.access.store.UserStore.UserRow;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their grants: creating accounts, granting and revoking roles, disabling, ending sessions. */
@Service
public class Accounts {

  private final UserStore users;
  private final GrantStore grants;
  private final SessionStore sessions;
  private final Roles roles;
  private final PasswordPolicy passwords;
  private final PasswordEncoder encoder;
  private final AccessChanges changes;
  private final AuditTrail audit;
  private final AccessProperties properties;
  private final StepUp stepUp;
  private final Clock clock;
  private final io.steward.guard.ProhibitedDataGuard guard;

  Accounts(io.steward.guard.ProhibitedDataGuard guard, UserStore users, GrantStore grants, SessionStore sessions, Roles roles,
      PasswordPolicy passwords, PasswordEncoder encoder, AccessChanges changes, AuditTrail audit, AccessProperties properties, StepUp stepUp,
      Clock clock) {
    this.stepUp = stepUp;
    this.users = users;
    this.grants = grants;
    this.sessions = sessions;
    this.roles = roles;
    this.passwords = passwords;
    this.encoder = encoder;
    this.changes = changes;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
    this.guard = guard;
  }

  /** Free text about people and grants passes the never-keep guard too; the value is never echoed. */
  private void refuseNeverKeep(String field, String text) {
    guard.inspect(text).ifPresent(d -> {
      throw new AccessRequestException(field, d.advice());
    });
  }

  public record NewUser(String email, String displayName, String password, UserKind kind, String team, UUID sponsorId) {
    @Override
    public String toString() {
      return "NewUser[***]";
    }
  }

  public record UserSummary(UUID id, String email, String displayName, UserKind kind, String team, UUID sponsorId, boolean enabled,
      Instant createdAt, Instant lastSignInAt, List<GrantRow> grants) {}

  public boolean anyUser() {
    return users.count() > 0;
  }

  /** Creates an account; the first role is granted separately (vendors need an expiry and a sponsor). */
  @Transactional
  public UUID createUser(Principal actor, NewUser n) {
    String email = normaliseEmail(n.email());
    if (users.findByEmail(email).isPresent()) {
      throw new AccessRequestException("email", "An account with this email already exists.");
    }
    refuseNeverKeep("displayName", n.displayName());
    refuseNeverKeep("team", n.team());
    if (n.kind().isExternal() && n.sponsorId() == null) {
      throw new AccessRequestException("sponsorId", "Vendor and contractor accounts need a named internal sponsor.");
    }
    String hash = null;
    if (n.password() != null && !n.password().isEmpty()) {
      passwords.check(n.password(), email);
      hash = encoder.encode(n.password());
    }
    UUID id = UUID.randomUUID();
    String displayName = n.displayName() == null || n.displayName().isBlank() ? email : n.displayName().trim();
    users.insert(new UserRow(id, email, displayName, hash, n.kind(), blankToNull(n.team()), n.sponsorId(), true, clock.instant(), null));
    audit(actor, AuditActions.USER_CHANGED, id, Map.of("change", "created", "kind", n.kind().name().toLowerCase(Locale.ROOT)));
    changes.changed();
    return id;
  }

  @Transactional
  public void setPassword(Principal actor, UUID userId, String password) {
    UserRow u = users.find(userId).orElseThrow(() -> new AccessRequestException("userId", "No such user."));
    passwords.check(password, u.email());
    users.setPasswordHash(userId, encoder.encode(password));
    audit(actor, AuditActions.USER_CHANGED, userId, Map.of("change", "password"));
  }

  /** Grants a role. External accounts must have an expiry within the configured maximum. */
  @Transactional
  public UUID grant(Principal actor, UUID userId, String roleName, Instant expiresAt, String networks, String hours, String reason) {
    stepUp.require(actor, StepUp.CHANGE_GRANTS);
    UserRow u = users.find(userId).orElseThrow(() -> new AccessRequestException("userId", "No such user."));
    if (roles.find(roleName).isEmpty()) {
      throw new AccessRequestException("role", "There is no such role.");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new AccessRequestException("expiresAt", "The expiry must be in the future.");
    }
    if (u.kind().isExternal()) {
      Duration max = properties.maxExternalGrant();
      if (expiresAt == null) {
        throw new AccessRequestException("expiresAt", "Vendor and contractor access must expire (at most " + max.toDays() + " days).");
      }
      if (expiresAt.isAfter(now.plus(max))) {
        throw new AccessRequestException("expiresAt", "Vendor and contractor access may last at most " + max.toDays() + " days.");
      }
    }
    validateNetworks(networks);
    validateHours(hours);
    refuseNeverKeep("reason", reason);
    UUID id = UUID.randomUUID();
    grants.insert(new GrantRow(id, userId, roleName, expiresAt, u.sponsorId(), blankToNull(networks), blankToNull(hours), reason,
        actor.actorId(), now, null, null, null));
    audit(actor, AuditActions.GRANT_CHANGED, userId, Map.of("change", "granted", "role", roleName, "grant", id.toString(),
        "expiresAt", expiresAt == null ? "never" : expiresAt.toString()));
    changes.changed();
    return id;
  }

  @Transactional
  public boolean revokeGrant(Principal actor, UUID grantId) {
    stepUp.require(actor, StepUp.CHANGE_GRANTS);
    Optional<GrantRow> g = grants.find(grantId);
    if (g.isEmpty() || grants.revoke(grantId, actor.actorId(), clock.instant()) == 0) {
      return false;
    }
    audit(actor, AuditActions.GRANT_CHANGED, g.get().userId(), Map.of("change", "revoked", "role", g.get().roleName(), "grant", grantId.toString()));
    changes.changed();
    return true;
  }

  @Transactional
  public void setEnabled(Principal actor, UUID userId, boolean enabled) {
    users.setEnabled(userId, enabled);
    if (!enabled) {
      sessions.revokeSessionsOf(userId, clock.instant());
    }
    audit(actor, AuditActions.USER_CHANGED, userId, Map.of("change", enabled ? "enabled" : "disabled"));
    changes.changed();
  }

  /** Ends every browser session of a user (API tokens stay; revoke those separately). */
  @Transactional
  public int endSessions(Principal actor, UUID userId) {
    int n = sessions.revokeSessionsOf(userId, clock.instant());
    audit(actor, AuditActions.SESSION_REVOKED, userId, Map.of("sessions", Integer.toString(n)));
    changes.changed();
    return n;
  }

  public Optional<UserSummary> find(UUID id) {
    return users.find(id).map(this::summary);
  }

  public Optional<UserSummary> findByEmail(String email) {
    return users.findByEmail(normaliseEmail(email)).map(this::summary);
  }

  public List<UserSummary> all() {
    return users.all().stream().map(this::summary).toList();
  }

  private UserSummary summary(UserRow u) {
    return new UserSummary(u.id(), u.email(), u.displayName(), u.kind(), u.team(), u.sponsorId(), u.enabled(), u.createdAt(),
        u.lastSignInAt(), grants.forUser(u.id()));
  }

  static String normaliseEmail(String email) {
    if (email == null || !email.contains("@") || email.length() > 254) {
      throw new AccessRequestException("email", "Enter a valid email address.");
    }
    return email.trim().toLowerCase(Locale.ROOT);
  }

  private static void validateNetworks(String networks) {
    if (networks == null || networks.isBlank()) {
      return;
    }
    for (String cidr : networks.split(",")) {
      try {
        new org.springframework.security.web.util.matcher.IpAddressMatcher(cidr.trim());
      } catch (IllegalArgumentException e) {
        throw new AccessRequestException("allowedNetworks", "Write networks as CIDR ranges separated by commas, e.g. 203.0.113.0/24.");
      }
    }
  }

  private static void validateHours(String hours) {
    if (hours == null || hours.isBlank()) {
      return;
    }
    if (!hours.trim().matches("([01]?\\d|2[0-3])\\s*-\\s*([01]?\\d|2[0-4])")) {
      throw new AccessRequestException("allowedHours", "Write hours as a UTC range such as 08-18.");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private void audit(Principal actor, String action, UUID subject, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), action, actor.actorId(), "user", List.of(subject.toString()), List.of(), null,
        "success", actor.request().ip(), actor.request().userAgent(), actor.request().requestId(), details));
  }
}
