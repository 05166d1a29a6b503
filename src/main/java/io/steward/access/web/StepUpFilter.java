package io.steward.access.web;

import io.steward.access.BrowserSignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inline step-up: the step-up prompt re-posts the original form (every field kept in hidden inputs) to its
 * original address with the code in {@code _stepup_code}. A good code refreshes the session's MFA time before
 * the request goes on, so the original action runs once, as if it had never been interrupted.
 */
class StepUpFilter extends OncePerRequestFilter {

  static final String PARAM = "_stepup_code";
  /** Request attribute: a code was offered and was wrong. */
  public static final String FAILED = "steward.stepup.failed";

  private final BrowserSignIn signIn;
  private final Clock clock;

  StepUpFilter(BrowserSignIn signIn, Clock clock) {
    this.signIn = signIn;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || request.getParameter(PARAM) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof StewardAuthentication auth) {
      if (signIn.stepUp(request, auth.getPrincipal(), request.getParameter(PARAM))) {
        SecurityContextHolder.getContext().setAuthentication(new StewardAuthentication(auth.getPrincipal().withMfaAt(clock.instant())));
      } else {
        request.setAttribute(FAILED, Boolean.TRUE);
      }
    }
    chain.doFilter(request, response);
  }
}
