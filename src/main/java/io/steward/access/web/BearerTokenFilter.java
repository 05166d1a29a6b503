package io.steward.access.web;

import io.steward.access.RequestInfos;

import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates REST calls by personal API token ({@code Authorization: Bearer stw_…}), checked on every request. */
class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;

  BearerTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<Principal> principal = tokens.resolve(header.substring(7).trim(), RequestInfos.of(request));
      principal.ifPresent(p -> SecurityContextHolder.getContext().setAuthentication(new StewardAuthentication(p)));
    }
    chain.doFilter(request, response);
  }
}
