package io.steward.access.web;

import io.steward.access.RequestInfos;

import io.steward.access.AccessChanges;
import io.steward.access.BrowserSignIn;
import io.steward.access.SignInThrottle;
import io.steward.access.Principal;
import io.steward.access.RequestInfo;
import io.steward.access.Sessions;
import io.steward.access.store.UserStore;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Sign-in, failure and sign-out: each is audited; a failure says the same thing whatever went wrong, so the
 * page never tells whether an account exists. An unknown email is audited only as a hash (people type
 * passwords into the email box).
 */
@Component
class LoginEvents {

  private final AuditTrail audit;
  private final UserStore users;
  private final Sessions sessions;
  private final AccessChanges changes;
  private final SignInThrottle throttle;
  private final Clock clock;

  LoginEvents(AuditTrail audit, UserStore users, Sessions sessions, AccessChanges changes, SignInThrottle throttle, Clock clock) {
    this.throttle = throttle;
    this.audit = audit;
    this.users = users;
    this.sessions = sessions;
    this.changes = changes;
    this.clock = clock;
  }

  /** The session was started by {@link SessionContextRepository}; a half-way one goes on to the second factor. */
  void onSuccess(HttpServletRequest req, HttpServletResponse res, Authentication auth) throws IOException {
    String email = req.getParameter("email");
    if (email != null) {
      throttle.succeeded(email, req.getRemoteAddr());
    }
    Object stage = req.getAttribute(BrowserSignIn.STAGE);
    if (stage != null && auth.getPrincipal() instanceof StewardUserDetails user) {
      record(req, AuditActions.SIGN_IN, user.id().toString(), "partial", Map.of("method", "password", "owes", stage.toString().toLowerCase(Locale.ROOT)));
    }
    res.sendRedirect(stage == null ? "/" : "/mfa");
  }

  void onFailure(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex) throws IOException {
    String email = req.getParameter("email");
    throttle.failed(email == null ? "" : email, req.getRemoteAddr());
    String actor = "anonymous";
    String reason = ex instanceof DisabledException ? "disabled-or-no-access" : "bad-credentials";
    if (email != null && email.length() <= 254) {
      var user = users.findByEmail(email.trim().toLowerCase(Locale.ROOT));
      if (user.isPresent()) {
        actor = user.get().id().toString();
      } else {
        reason = "unknown-account";
      }
    }
    record(req, AuditActions.SIGN_IN_FAILED, actor, "failure",
        Map.of("reason", reason, "account", email == null ? "" : hash(email.trim().toLowerCase(Locale.ROOT))));
    res.sendRedirect("/login?error");
  }

  /** A passkey that did not verify: the same answer whatever went wrong. */
  void onPasskeyFailure(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex) throws IOException {
    record(req, AuditActions.SIGN_IN_FAILED, "anonymous", "failure", Map.of("reason", "passkey", "method", "passkey"));
    res.setStatus(401);
    res.setContentType("application/json");
    res.getWriter().write("{\"authenticated\":false}");
  }

  void onOidcSuccess(HttpServletRequest req, HttpServletResponse res, Authentication auth) throws IOException {
    res.sendRedirect(req.getAttribute(BrowserSignIn.STAGE) == null ? "/" : "/mfa");
  }

  /** No matching account, an unverified email or a refused answer: the same failure as a wrong password. */
  void onOidcFailure(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex) throws IOException {
    record(req, AuditActions.SIGN_IN_FAILED, "anonymous", "failure", Map.of("reason", "oidc", "method", "oidc"));
    res.sendRedirect("/login?error");
  }

  void onLogout(HttpServletRequest req, HttpServletResponse res, Authentication auth) {
    String cookie = SessionCookie.read(req);
    if (cookie != null) {
      sessions.end(cookie);
    }
    SessionCookie.clear(res, req.isSecure());
    if (auth instanceof StewardAuthentication s) {
      Principal p = s.getPrincipal();
      record(req, AuditActions.SIGN_OUT, p.actorId(), "success", Map.of());
    }
  }

  private void record(HttpServletRequest req, String action, String actor, String outcome, Map<String, String> details) {
    RequestInfo info = RequestInfos.of(req);
    audit.record(new AuditEvent(clock.instant(), action, actor, null, List.of(), List.of(), null, outcome, info.ip(), info.userAgent(),
        info.requestId(), details));
  }

  private static String hash(String value) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("steward-login|" + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
