package io.steward.access.web;

import io.steward.access.Devices;
import io.steward.access.SignInThrottle;
import io.steward.access.store.UserStore;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before the password is checked: an attempt the throttle refuses never reaches the password hash. The
 * answer is the same for accounts that exist and those that do not, because the throttle counts what was typed.
 */
class ThrottleFilter extends OncePerRequestFilter {

  private final SignInThrottle throttle;
  private final UserStore users;
  private final Devices devices;
  private final AuditTrail audit;
  private final Clock clock;

  ThrottleFilter(SignInThrottle throttle, UserStore users, Devices devices, AuditTrail audit, Clock clock) {
    this.throttle = throttle;
    this.users = users;
    this.devices = devices;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    String email = request.getParameter("email");
    String typed = email == null || email.length() > 254 ? "" : email.strip().toLowerCase(Locale.ROOT);
    String device = SessionCookie.readDevice(request);
    boolean known = device != null && users.findByEmail(typed).map(u -> devices.isKnown(device, u.id())).orElse(false);
    SignInThrottle.Verdict verdict = throttle.check(typed, request.getRemoteAddr(), known);
    if (!verdict.allowed()) {
      audit.record(new AuditEvent(clock.instant(), AuditActions.SIGN_IN_FAILED, "anonymous", null, List.of(), List.of(), null, "failure",
          request.getRemoteAddr(), request.getHeader("User-Agent"), null, Map.of("reason", "throttled-" + verdict.reason())));
      long minutes = Math.max(1, (verdict.retryAfter().toSeconds() + 59) / 60);
      response.sendRedirect("/login?throttled=" + minutes);
      return;
    }
    chain.doFilter(request, response);
  }
}
