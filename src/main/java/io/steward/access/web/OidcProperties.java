package io.steward.access.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OpenID Connect single sign-on, active only when an issuer is set (environment: {@code STEWARD_OIDC_ISSUER},
 * {@code STEWARD_OIDC_CLIENT_ID}, {@code STEWARD_OIDC_CLIENT_SECRET}).
 */
@ConfigurationProperties("steward.access.oidc")
record OidcProperties(
    String issuer,
    String clientId,
    String clientSecret,
    @DefaultValue("Single sign-on") String label,
    @DefaultValue("false") boolean autoProvision,
    String provisionRole,
    @DefaultValue("true") boolean requireVerifiedEmail,
    @DefaultValue({"http://schemas.openid.net/pape/policies/2007/06/multi-factor", "mfa"}) List<String> mfaAcrValues) {

  boolean enabled() {
    return issuer != null && !issuer.isBlank() && clientId != null && !clientId.isBlank();
  }
}
