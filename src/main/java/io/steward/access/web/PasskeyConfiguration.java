package io.steward.access.web;

import io.steward.audit.AuditTrail;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Passkeys through Spring Security's WebAuthn support, stored in its JDBC tables. The relying party is Steward's
 * public address ({@code steward.base-url}): its host is the RP id, its origin the allowed origin. Passkeys are
 * discoverable and user verification is required, so a passkey alone is two factors (something you have, and a
 * PIN or biometric) and counts as MFA.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

  @Bean
  PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
    return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
  }

  @Bean
  UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, PublicKeyCredentialUserEntityRepository users, AuditTrail audit, Clock clock) {
    return new AuditedPasskeys(new JdbcUserCredentialRepository(jdbc), users, audit, clock);
  }

  @Bean
  RelyingParty relyingParty(@Value("${steward.base-url}") String baseUrl) {
    URI uri = URI.create(baseUrl);
    Set<String> origins = ConcurrentHashMap.newKeySet();
    origins.add(origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    return new RelyingParty(uri.getHost(), origins);
  }

  @Bean
  WebAuthnRelyingPartyOperations relyingPartyOperations(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials,
      RelyingParty rp) {
    Webauthn4JRelyingPartyOperations ops = new Webauthn4JRelyingPartyOperations(users, credentials,
        PublicKeyCredentialRpEntity.builder().id(rp.id()).name("Steward").build(), rp.origins());
    ops.setCustomizeCreationOptions(o -> o.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
        .residentKey(ResidentKeyRequirement.REQUIRED)
        .userVerification(UserVerificationRequirement.REQUIRED)
        .build()));
    ops.setCustomizeRequestOptions(o -> o.userVerification(UserVerificationRequirement.REQUIRED));
    return ops;
  }

  /**
   * When Steward listens on localhost (development, tests with a random port) the real port is only known once
   * the server has started; allow that origin then. A localhost origin never matches a real RP id.
   */
  @Bean
  ApplicationListener<WebServerInitializedEvent> localOrigin(RelyingParty rp) {
    return event -> {
      if ("localhost".equals(rp.id())) {
        rp.origins().add("http://localhost:" + event.getWebServer().getPort());
      }
    };
  }

  record RelyingParty(String id, Set<String> origins) {}

  private static String origin(String scheme, String host, int port) {
    boolean defaultPort = port < 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
