package io.steward.access;

import io.steward.access.store.UserStore;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A fresh second factor on demand (the security monitor's "require fresh MFA" response). From the moment of the
 * demand, every browser session and API token of the account whose last second factor is not newer owes one
 * ({@link Principal#owesFreshMfa()}) and is refused everything else: a browser is sent to the step-up page and goes
 * on in the same session once it gives a code or a passkey there; an API token cannot give one (a privileged token
 * made before the demand no longer stands for one), so it must be made again after a fresh sign-in.
 *
 * <p>The demand is stored on the account, so every node sees it (at once on this one, within the access poll of
 * about a second on the others). It is met credential by credential: the owner's step-up in one browser does not
 * let a second session or an old token through, which might be the thief's.
 */
@Service
public class FreshMfa {

  /** What an API caller that owes a fresh second factor is told (403, problem type {@code step-up-required}). */
  public static final String API_REFUSAL = "The security monitor asked this account for a fresh second factor, and an API token cannot give one. "
      + "Sign in to the web interface, confirm with your second factor, and make a new token.";

  private final UserStore users;
  private final SecondFactors factors;
  private final AccessChanges changes;
  private final AuditTrail audit;
  private final Clock clock;

  FreshMfa(UserStore users, SecondFactors factors, AccessChanges changes, AuditTrail audit, Clock clock) {
    this.users = users;
    this.factors = factors;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Demands a fresh second factor of the user from now on; audited ({@code auth.mfa}, change
   * {@code fresh-mfa-demanded}) with the given details. Returns false, changing nothing, when the user has no second
   * factor to give: the caller must contain the account some other way.
   */
  @Transactional
  public boolean demand(Principal actor, UUID userId, Map<String, String> details) {
    if (!factors.status(userId).any()) {
      return false;
    }
    Instant now = clock.instant();
    users.demandFreshMfa(userId, now);
    Map<String, String> d = new HashMap<>(details);
    d.put("change", "fresh-mfa-demanded");
    record(actor.actorId(), userId, actor.request(), d);
    changes.changedNowAndAtCommit();
    return true;
  }

  /** The user just gave a second factor in a browser: the first time after a demand, the demand is met (audited once). */
  void proved(UUID userId, RequestInfo request) {
    if (users.freshMfaMet(userId, clock.instant())) {
      record(userId.toString(), userId, request, Map.of("change", "fresh-mfa-met"));
    }
  }

  private void record(String actorId, UUID userId, RequestInfo request, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), AuditActions.MFA, actorId, "user", List.of(userId.toString()), List.of(), null, "success",
        request.ip(), request.userAgent(), request.requestId(), details));
  }
}
