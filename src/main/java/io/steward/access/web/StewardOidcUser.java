package io.steward.access.web;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** An identity provider's user, matched to a Steward account; {@code mfa} says the provider reported a second factor. */
final class StewardOidcUser extends DefaultOidcUser {

  private final UUID userId;
  private final boolean mfa;

  StewardOidcUser(UUID userId, boolean mfa, OidcIdToken idToken, OidcUserInfo userInfo) {
    super(List.of(), idToken, userInfo, "sub");
    this.userId = userId;
    this.mfa = mfa;
  }

  UUID userId() {
    return userId;
  }

  boolean mfa() {
    return mfa;
  }

  @Override
  public String toString() {
    return "StewardOidcUser[" + userId + "]";
  }
}
