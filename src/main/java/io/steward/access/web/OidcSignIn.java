package io.steward.access.web;

import io.steward.access.Accounts;
import io.steward.access.Principal;
import io.steward.access.UserKind;
import io.steward.access.store.UserStore;
import io.steward.access.store.UserStore.UserRow;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Matches an identity provider's user to a Steward account by verified email. Creates no account unless
 * {@code steward.access.oidc.auto-provision} is on (then a staff account without password, holding
 * {@code provision-role} if one is named). The provider's MFA counts when its {@code amr} claim names a second
 * factor or its {@code acr} is one of {@code steward.access.oidc.mfa-acr-values}.
 */
final class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

  /** RFC 8176 authentication method references that mean more than a password was used. */
  static final Set<String> MFA_AMR = Set.of("mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "retina", "vbm", "sc", "pop");

  private final OidcUserService delegate = new OidcUserService();
  private final UserStore users;
  private final Accounts accounts;
  private final OidcProperties properties;

  OidcSignIn(UserStore users, Accounts accounts, OidcProperties properties) {
    this.users = users;
    this.accounts = accounts;
    this.properties = properties;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    String email = user.getEmail();
    boolean verified = Boolean.TRUE.equals(user.getEmailVerified()) || !properties.requireVerifiedEmail();
    if (email == null || !verified) {
      throw refused();
    }
    Optional<UserRow> row = users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    UUID id;
    if (row.isPresent()) {
      id = row.get().id();
    } else if (properties.autoProvision()) {
      String name = user.getFullName() == null ? email : user.getFullName();
      id = accounts.createUser(Principal.system(), new Accounts.NewUser(email, name, null, UserKind.STAFF, null, null));
      if (properties.provisionRole() != null && !properties.provisionRole().isBlank()) {
        accounts.grant(Principal.system(), id, properties.provisionRole(), null, null, null, "single sign-on provisioning");
      }
    } else {
      throw refused();
    }
    return new StewardOidcUser(id, mfa(user.getClaimAsStringList("amr"), user.getClaimAsString("acr"), properties.mfaAcrValues()),
        user.getIdToken(), user.getUserInfo());
  }

  static boolean mfa(Collection<String> amr, String acr, List<String> mfaAcrValues) {
    if (amr != null && amr.stream().anyMatch(a -> MFA_AMR.contains(a.toLowerCase(Locale.ROOT)))) {
      return true;
    }
    return acr != null && mfaAcrValues != null && mfaAcrValues.contains(acr);
  }

  private static OAuth2AuthenticationException refused() {
    // the same failure as a wrong password: the sign-in page never says whether an account exists
    return new OAuth2AuthenticationException(new OAuth2Error("access_denied"), "no matching account");
  }
}
