package io.steward.access.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * OpenID Connect single sign-on, only when an issuer and client id are configured. The provider's settings are
 * read from its discovery document ({@code <issuer>/.well-known/openid-configuration}) at start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfiguration.Configured.class)
class OidcConfiguration {

  static final String REGISTRATION_ID = "steward";

  @Bean
  ClientRegistrationRepository oidcClients(OidcProperties properties) {
    ClientRegistration registration = ClientRegistrations.fromIssuerLocation(properties.issuer())
        .registrationId(REGISTRATION_ID)
        .clientId(properties.clientId())
        .clientSecret(properties.clientSecret())
        .scope("openid", "email", "profile")
        .clientName(properties.label())
        .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  static final class Configured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String issuer = context.getEnvironment().getProperty("steward.access.oidc.issuer", "");
      String client = context.getEnvironment().getProperty("steward.access.oidc.client-id", "");
      return !issuer.isBlank() && !client.isBlank();
    }
  }
}
