package io.steward.access.web;

import io.steward.access.RequestInfos;

import io.steward.access.AccessProperties;
import io.steward.access.Principal;
import io.steward.access.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Loads the security context from the database-backed session on every request (so revocations and
 * expiries bite at the next request) and starts a new session, with a new cookie, at sign-in (so a session
 * id planted before sign-in is worthless).
 */
class SessionContextRepository implements SecurityContextRepository {

  private static final String LOADED = SessionContextRepository.class.getName() + ".loaded";
  private final Sessions sessions;
  private final AccessProperties properties;

  SessionContextRepository(Sessions sessions, AccessProperties properties) {
    this.sessions = sessions;
    this.properties = properties;
  }

  @Override
  @SuppressWarnings("deprecation")
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return load(holder.getRequest());
  }

  private SecurityContext load(HttpServletRequest request) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    String cookie = SessionCookie.read(request);
    if (cookie != null) {
      Optional<Principal> principal = sessions.resolve(cookie, RequestInfos.of(request));
      principal.ifPresent(p -> context.setAuthentication(new StewardAuthentication(p)));
    }
    request.setAttribute(LOADED, context.getAuthentication());
    return context;
  }

  @Override
  public org.springframework.security.core.context.DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    SecurityContext context = load(request);
    return new org.springframework.security.core.context.DeferredSecurityContext() {
      @Override
      public SecurityContext get() {
        return context;
      }

      @Override
      public boolean isGenerated() {
        return context.getAuthentication() == null;
      }
    };
  }

  @Override
  public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    Authentication auth = context.getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof StewardUserDetails user) {
      String old = SessionCookie.read(request);
      if (old != null) {
        sessions.end(old);
      }
      Sessions.StartedSession started = sessions.start(user.id(), RequestInfos.of(request));
      SessionCookie.write(response, started.cookieValue(), properties.secureCookies() || request.isSecure());
    }
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return SessionCookie.read(request) != null;
  }

  static UUID idOf(StewardUserDetails details) {
    return details.id();
  }
}
