package io.steward.access;

import io.steward.access.web.StewardAuthentication;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the current request, where there is one (error pages work for signed-out visitors too). */
public final class CurrentPrincipal {

  private CurrentPrincipal() {}

  public static Optional<Principal> get() {
    return SecurityContextHolder.getContext().getAuthentication() instanceof StewardAuthentication s ? Optional.of(s.getPrincipal())
        : Optional.empty();
  }
}
