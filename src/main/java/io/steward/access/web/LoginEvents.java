package io.steward.access.web;

import io.steward.access.RequestInfos;

import io.steward.access.AccessChanges;
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
  private final Clock clock;

  LoginEvents(AuditTrail audit, UserStore users, Sessions sessions, AccessChanges changes, Clock clock) {
    this.audit = audit;
    this.users = users;
    this.sessions = sessions;
    this.changes = changes;
    this.clock = clock;
  }

  void onSuccess(HttpServletRequest req, HttpServletResponse res, Authentication auth) throws IOException {
    StewardUserDetails user = (StewardUserDetails) auth.getPrincipal();
    users.markSignIn(user.id(), clock.instant());
    record(req, AuditActions.SIGN_IN, user.id().toString(), "success", Map.of("method", "password"));
    res.sendRedirect("/");
  }

  void onFailure(HttpServletRequest req, HttpServletResponse res, AuthenticationException ex) throws IOException {
    String email = req.getParameter("email");
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

  void onLogout(HttpServletRequest req, HttpServletResponse res, Authentication auth) {
    String cookie = SessionCookie.read(req);
    if (cookie != null) {
      sessions.end(cookie);
    }
    SessionCookie.clear(res, req.isSecure());
    if (auth != null && auth.getPrincipal() instanceof Principal p) {
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
