package io.steward.access.web;

import io.steward.access.PendingSignIn;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A session half-way through sign-in: reaches only the second-factor pages (see {@link SecurityConfiguration}). */
public final class PendingAuthentication extends AbstractAuthenticationToken {

  private final PendingSignIn pending;

  PendingAuthentication(PendingSignIn pending) {
    super(List.of(new SimpleGrantedAuthority("MFA_PENDING")));
    this.pending = pending;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public PendingSignIn getPrincipal() {
    return pending;
  }

  /** The user id: Spring's WebAuthn registration names the passkey's user entity after it. */
  @Override
  public String getName() {
    return pending.userId().toString();
  }
}
