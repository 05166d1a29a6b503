package io.steward.access;

import io.steward.access.store.UserStore;
import io.steward.access.web.SessionCookie;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The browser's way through sign-in: a first factor (password, passkey or identity provider) starts a session,
 * fully signed in only if no second factor is owed; otherwise the session stays half-way until a code (or a
 * fresh enrolment) completes it. Every completed sign-in is audited and checked for a new device or network.
 */
@Service
public class BrowserSignIn {

  /** Request attribute set by {@link #afterFirstFactor}: the stage the new session is in, if half-way. */
  public static final String STAGE = BrowserSignIn.class.getName() + ".stage";

  private final Sessions sessions;
  private final SecondFactors factors;
  private final Devices devices;
  private final UserStore users;
  private final AuditTrail audit;
  private final AccessProperties properties;
  private final FreshMfa freshMfa;
  private final Clock clock;

  BrowserSignIn(Sessions sessions, SecondFactors factors, Devices devices, UserStore users, AuditTrail audit, AccessProperties properties,
      FreshMfa freshMfa, Clock clock) {
    this.sessions = sessions;
    this.factors = factors;
    this.devices = devices;
    this.users = users;
    this.audit = audit;
    this.properties = properties;
    this.freshMfa = freshMfa;
    this.clock = clock;
  }

  /**
   * Starts the session after a first factor, always with a new cookie (a session id planted before sign-in is
   * worthless). {@code multiFactor} says the first factor was already multi-factor (a passkey with user
   * verification, or an identity provider that reports MFA). Returns the stage still owed, or empty.
   */
  public Optional<PendingSignIn.Stage> afterFirstFactor(HttpServletRequest request, HttpServletResponse response, UUID userId, String method,
      boolean multiFactor) {
    RequestInfo info = RequestInfos.of(request);
    PendingSignIn.Stage stage = null;
    if (!multiFactor) {
      SecondFactors.Status status = factors.status(userId);
      if (status.any()) {
        stage = PendingSignIn.Stage.SECOND_FACTOR;
      } else if (factors.required(userId, info)) {
        stage = PendingSignIn.Stage.ENROL;
      }
    }
    String old = SessionCookie.read(request);
    if (old != null) {
      sessions.end(old);
    }
    Sessions.StartedSession started = sessions.start(userId, info, stage, method, multiFactor ? clock.instant() : null);
    SessionCookie.write(response, started.cookieValue(), secure(request));
    if (stage == null) {
      completed(request, response, userId, method, multiFactor);
    } else {
      request.setAttribute(STAGE, stage);
    }
    return Optional.ofNullable(stage);
  }

  /** The half-way sign-in of this browser, if any. */
  public Optional<PendingSignIn> pending(HttpServletRequest request) {
    return sessions.pending(SessionCookie.read(request));
  }

  /** Completes a half-way sign-in with a TOTP or recovery code; false if the code is wrong (or throttled). */
  public boolean completeWithCode(HttpServletRequest request, HttpServletResponse response, String code) {
    Optional<PendingSignIn> pending = pending(request);
    if (pending.isEmpty() || pending.get().stage() != PendingSignIn.Stage.SECOND_FACTOR) {
      return false;
    }
    if (!factors.verify(pending.get().userId(), code, RequestInfos.of(request))) {
      return false;
    }
    sessions.complete(SessionCookie.read(request));
    completed(request, response, pending.get().userId(), "password+code", true);
    return true;
  }

  /**
   * Completes a sign-in that was waiting for enrolment, once the user has just proved a new factor (confirmed
   * a TOTP code or registered a passkey). False if the user still has no second factor.
   */
  public boolean completeAfterEnrolment(HttpServletRequest request, HttpServletResponse response) {
    Optional<PendingSignIn> pending = pending(request);
    if (pending.isEmpty() || !factors.status(pending.get().userId()).any()) {
      return false;
    }
    sessions.complete(SessionCookie.read(request));
    completed(request, response, pending.get().userId(), "password+enrolment", true);
    return true;
  }

  /** Step-up inside a signed-in session: a good code refreshes the session's MFA time. */
  public boolean stepUp(HttpServletRequest request, Principal p, String code) {
    if (!factors.verify(p.userId(), code, RequestInfos.of(request))) {
      return false;
    }
    sessions.markMfa(SessionCookie.read(request));
    freshMfa.proved(p.userId(), RequestInfos.of(request));
    return true;
  }

  /** Marks the current session as just having passed a second factor (a passkey assertion during step-up). */
  public void markMfa(HttpServletRequest request) {
    sessions.markMfa(SessionCookie.read(request));
  }

  private void completed(HttpServletRequest request, HttpServletResponse response, UUID userId, String method, boolean mfa) {
    RequestInfo info = RequestInfos.of(request);
    users.markSignIn(userId, clock.instant());
    devices.signedIn(userId, SessionCookie.readDevice(request), info, method)
        .ifPresent(cookie -> SessionCookie.writeDevice(response, cookie, secure(request)));
    audit.record(new AuditEvent(clock.instant(), AuditActions.SIGN_IN, userId.toString(), null, List.of(), List.of(), null, "success", info.ip(),
        info.userAgent(), info.requestId(), Map.of("method", method, "mfa", Boolean.toString(mfa))));
    if (mfa) {
      freshMfa.proved(userId, info);
    }
  }

  private boolean secure(HttpServletRequest request) {
    return properties.secureCookies() || request.isSecure();
  }
}
