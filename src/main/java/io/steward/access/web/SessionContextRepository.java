package io.steward.access.web;

import io.steward.access.BrowserSignIn;
import io.steward.access.Principal;
import io.steward.access.RequestInfos;
import io.steward.access.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthentication;

/**
 * Loads the security context from the database-backed session on every request (so revocations and expiries
 * bite at the next request): a full session gives a {@link StewardAuthentication}, a half-way one (second factor
 * owed) a {@link PendingAuthentication}. At sign-in, whatever the first factor (password, passkey, identity
 * provider), hands over to {@link BrowserSignIn}, which starts a new session with a new cookie.
 */
class SessionContextRepository implements SecurityContextRepository {

  private final Sessions sessions;
  private final BrowserSignIn signIn;

  SessionContextRepository(Sessions sessions, BrowserSignIn signIn) {
    this.sessions = sessions;
    this.signIn = signIn;
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
      if (principal.isPresent()) {
        context.setAuthentication(new StewardAuthentication(principal.get()));
      } else {
        sessions.pending(cookie).ifPresent(p -> context.setAuthentication(new PendingAuthentication(p)));
      }
    }
    return context;
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    SecurityContext context = load(request);
    return new DeferredSecurityContext() {
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
    if (auth == null) {
      return;
    }
    if (auth.getPrincipal() instanceof StewardUserDetails user) {
      signIn.afterFirstFactor(request, response, user.id(), "password", false);
    } else if (auth instanceof WebAuthnAuthentication passkey) {
      // user verification is required for Steward's passkeys, so a passkey is a second factor on its own
      signIn.afterFirstFactor(request, response, UUID.fromString(passkey.getPrincipal().getName()), "passkey", true);
    } else if (auth.getPrincipal() instanceof StewardOidcUser oidc) {
      signIn.afterFirstFactor(request, response, oidc.userId(), "oidc", oidc.mfa());
    }
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return SessionCookie.read(request) != null;
  }
}
