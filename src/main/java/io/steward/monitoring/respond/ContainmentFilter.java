package io.steward.monitoring.respond;

import io.steward.access.CurrentPrincipal;
import io.steward.access.FreshMfa;
import io.steward.access.StepUp;
import io.steward.access.Principal;
import io.steward.audit.AuditUnavailableException;
import io.steward.audit.ResponseBarrier;
import io.steward.monitoring.watch.Watcher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Runs after authentication on every request: refuses a contained account at once (API: 401 problem; browser:
 * back to sign-in), refuses exports of an account whose exports are blocked, tells the monitor about every
 * authenticated request before it runs and about "not found" answers to record ids after it. Answers are
 * held until the request ends, so the request during which an account is contained gets nothing either.
 */
public class ContainmentFilter extends OncePerRequestFilter {

  private static final Pattern RECORD_PATH = Pattern.compile("^/(api/v1|o)/[a-z][a-z0-9_-]*/[^/]+$");
  private static final Pattern EXPORT_PATH = Pattern.compile("(^|/)export(\\.csv)?($|/|\\?)");

  private final ContainedUsers contained;
  private final Watcher watcher;
  private final Clock clock;

  public ContainmentFilter(ContainedUsers contained, Watcher watcher, Clock clock) {
    this.contained = contained;
    this.watcher = watcher;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Principal> principal = CurrentPrincipal.get();
    if (principal.isEmpty() || principal.get().isSystem()) {
      chain.doFilter(request, response);
      return;
    }
    Principal p = principal.get();
    String path = request.getRequestURI();
    boolean api = path.startsWith("/api/");
    String auth = request.getHeader("Authorization");
    boolean token = api && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
    watcher.requestSeen(p.userId(), clock.instant(), p.request().ip(), p.request().userAgent(), token);
    if (contained.isSuspended(p.userId())) {
      refuse(api, response, HttpServletResponse.SC_UNAUTHORIZED, "account-suspended", "Account suspended",
          "This account was suspended by the security monitor until an administrator reviews it.");
      return;
    }
    if (contained.exportsBlocked(p.userId()) && EXPORT_PATH.matcher(path).find()) {
      refuse(api, response, HttpServletResponse.SC_FORBIDDEN, "export-blocked", "Exports blocked",
          "Exports from this account are blocked until an administrator resolves a security incident.");
      return;
    }
    // The answer is held back until the request is done: if this very request crossed a line (its read was
    // audited and the account contained meanwhile), what it read is not sent.
    long started = contained.tick();
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, held);
    try {
      // The reads this request queued for the audit trail are committed (and seen by the monitor) before deciding.
      ResponseBarrier.current().ifPresent(ResponseBarrier::awaitAll);
    } catch (AuditUnavailableException e) {
      response.reset();
      problem(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "audit-unavailable", "Audit trail unavailable",
          "What you asked for cannot be shown because its access could not be recorded. Try again in a moment.");
      return;
    }
    if (contained.containedSince(p.userId(), started) && !response.isCommitted()) {
      response.reset();
      refuse(api, response, HttpServletResponse.SC_UNAUTHORIZED, "account-contained", "Access ended",
          "The security monitor ended this account's access during this request.");
      return;
    }
    if (contained.freshMfaDemandedSince(p.userId(), started) && !response.isCommitted()) {
      response.reset();
      if (api) {
        problem(response, HttpServletResponse.SC_FORBIDDEN, "step-up-required", "Second factor required", FreshMfa.API_REFUSAL);
      } else {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", StepUp.pageFor(request.getMethod(), request.getRequestURI(), request.getQueryString()));
      }
      return;
    }
    held.copyBodyToResponse();
    if (held.getStatus() == HttpServletResponse.SC_NOT_FOUND && "GET".equals(request.getMethod()) && RECORD_PATH.matcher(path).matches()) {
      watcher.notFound(p.userId(), clock.instant());
    }
  }

  private static void refuse(boolean api, HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    if (!api) {
      response.sendRedirect("/login?suspended");
      return;
    }
    problem(response, status, type, title, detail);
  }

  private static void problem(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"https://steward.dev/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}");
  }
}
