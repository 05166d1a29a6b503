package io.steward.access.web;

import io.steward.access.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A signed-in request: carries the principal with the roles in force for this request. */
public final class StewardAuthentication extends AbstractAuthenticationToken {

  private final Principal principal;

  public StewardAuthentication(Principal principal) {
    super(principal.roleNames().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    this.principal = principal;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Principal getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal.actorId();
  }

  public static List<String> roles(Principal p) {
    return p.roleNames();
  }
}
