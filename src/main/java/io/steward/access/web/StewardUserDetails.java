package io.steward.access.web;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** What the password check needs to know about an account; lives only for the sign-in request. */
record StewardUserDetails(UUID id, String email, String passwordHash, boolean enabled) implements UserDetails {

  @Override
  public List<GrantedAuthority> getAuthorities() {
    return List.of();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public String toString() {
    return "StewardUserDetails[" + id + "]";
  }
}
