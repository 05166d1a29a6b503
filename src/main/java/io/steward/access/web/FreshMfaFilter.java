package io.steward.access.web;

import io.steward.access.CurrentPrincipal;
import io.steward.access.FreshMfa;
import io.steward.access.RequestInfos;
import io.steward.access.StepUp;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a caller who owes a fresh second factor ({@link FreshMfa}) everything but the step-up page: an API token
 * gets 403 {@code step-up-required} (a token cannot give a second factor), a browser is sent to the step-up page,
 * from which it goes on to the page it asked for once it has given one. In the browser chain this runs before
 * authorization and before the passkey registration filter, so a session that owes cannot register a new passkey
 * to pass with.
 */
final class FreshMfaFilter extends OncePerRequestFilter {

  /** What a browser that owes may still reach: the step-up page, what it is drawn with, and the passkey challenge. */
  private static final Set<String> OPEN = Set.of(StepUp.PAGE, "/favicon.svg", "/error", "/webauthn/authenticate/options");

  private final boolean api;

  FreshMfaFilter(boolean api) {
    this.api = api;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!CurrentPrincipal.get().map(p -> p.owesFreshMfa()).orElse(false) || !api && open(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    if (api) {
      SecurityConfiguration.problem(response, HttpStatus.FORBIDDEN, "step-up-required", "Second factor required", FreshMfa.API_REFUSAL,
          RequestInfos.of(request).requestId());
    } else {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", StepUp.pageFor(request.getMethod(), request.getRequestURI(), request.getQueryString()));
    }
  }

  private static boolean open(String path) {
    return OPEN.contains(path) || path.startsWith("/css/") || path.startsWith("/js/");
  }
}
