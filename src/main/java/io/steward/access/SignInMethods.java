package io.steward.access;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Which ways in the sign-in page offers: local passwords, passkeys, and single sign-on when configured. */
@Component
public class SignInMethods {

  /** Where the browser starts single sign-on (Spring Security's OAuth2 login endpoint for Steward's registration). */
  public static final String SINGLE_SIGN_ON_PATH = "/oauth2/authorization/steward";

  private final AccessProperties properties;
  private final Environment env;

  SignInMethods(AccessProperties properties, Environment env) {
    this.properties = properties;
    this.env = env;
  }

  public boolean localPasswords() {
    return properties.localPasswords();
  }

  /** The label of the single sign-on button, if single sign-on is configured. */
  public Optional<String> singleSignOn() {
    String issuer = env.getProperty("steward.access.oidc.issuer", "");
    String client = env.getProperty("steward.access.oidc.client-id", "");
    if (issuer.isBlank() || client.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(env.getProperty("steward.access.oidc.label", "Single sign-on"));
  }
}
