package io.steward.access.web;

import io.steward.access.AccessProperties;
import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.BrowserSignIn;
import io.steward.access.Devices;
import io.steward.access.Sessions;
import io.steward.access.SignInThrottle;
import io.steward.access.store.OidcRequestStore;
import io.steward.audit.AuditTrail;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import io.steward.access.store.GrantStore;
import io.steward.access.store.UserStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Two doors: the REST API (bearer tokens only, no cookies, so no CSRF) and the browser UI (database-backed
 * sessions, CSRF tokens, strict security headers). Nothing is reachable without signing in except the sign-in
 * and setup pages, static assets, health and the API description.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  /** Argon2id at OWASP's minimum or above: 19 MiB memory, 2 iterations, 1 lane. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Accounts by email (password sign-in) or by user id (passkey sign-in names the user entity by id). An account
   * without a password is reported as unknown, so the provider hashes the dummy password and takes as long.
   */
  @Bean
  UserDetailsService userDetailsService(UserStore users, GrantStore grants, Clock clock) {
    return name -> {
      Optional<UserStore.UserRow> row;
      boolean byId = name.length() == 36 && !name.contains("@");
      if (byId) {
        try {
          row = users.find(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
          row = Optional.empty();
        }
      } else {
        row = users.findByEmail(name.length() > 254 ? "" : name);
      }
      UserStore.UserRow u = row.filter(r -> byId || r.passwordHash() != null).orElseThrow(() -> new UsernameNotFoundException("unknown"));
      boolean enabled = u.enabled() && grants.forUser(u.id()).stream().anyMatch(g -> g.activeAt(clock.instant()));
      if (byId && !enabled) {
        throw new DisabledException("no access");
      }
      return new StewardUserDetails(u.id(), u.email(), u.passwordHash() == null ? "{none}" : u.passwordHash(), enabled);
    };
  }

  /**
   * Passwords, unless switched off ({@code steward.access.local-passwords=false}, for single sign-on only). The
   * account's state is checked only after the password, so a disabled account costs the same hash as any other.
   * Published as the one {@link AuthenticationProvider} bean, so Spring Security builds no default provider beside it.
   */
  @Bean
  AuthenticationProvider passwordAuthentication(UserDetailsService details, PasswordEncoder encoder, AccessProperties properties) {
    if (!properties.localPasswords()) {
      return new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
          throw new BadCredentialsException("local passwords are switched off");
        }

        @Override
        public boolean supports(Class<?> authentication) {
          return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
      };
    }
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(details);
    provider.setPasswordEncoder(encoder);
    provider.setPreAuthenticationChecks(user -> {});
    provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
    return provider;
  }

  @Bean
  SessionContextRepository sessionContextRepository(Sessions sessions, BrowserSignIn signIn) {
    return new SessionContextRepository(sessions, signIn);
  }

  // Filter chains exist only in a serving Steward; CLI commands start without a web server.
  @Bean
  @Order(1)
  @ConditionalOnWebApplication
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
        .addFilterAfter(new FreshMfaFilter(true), AuthorizationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) -> problem(res, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                "Send a valid, unexpired API token as 'Authorization: Bearer stw_…'. Create one under Settings → API tokens."))
            .accessDeniedHandler((req, res, ex) -> problem(res, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "Your roles do not allow this.")))
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
    return http.build();
  }

  @Bean
  @Order(2)
  @ConditionalOnWebApplication
  SecurityFilterChain web(HttpSecurity http, SessionContextRepository contexts, LoginEvents loginEvents, AccessProperties properties,
      ThrottleFilter throttle, BrowserSignIn signIn, Clock clock, ObjectProvider<ClientRegistrationRepository> oidcClients,
      OidcSignIn oidcSignIn, OidcRequests oidcRequests) throws Exception {
    CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
    csrf.setCookieCustomizer(c -> c.sameSite("Lax").secure(properties.secureCookies()));
    AuthorizationManager<RequestAuthorizationContext> fullySignedIn =
        (auth, ctx) -> new AuthorizationDecision(auth.get() instanceof StewardAuthentication);
    http.authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/setup", "/css/**", "/js/**", "/favicon.svg", "/actuator/health", "/v3/api-docs/**",
                "/swagger-ui/**", "/swagger-ui.html", "/error", "/webauthn/authenticate/options", "/login/webauthn",
                "/oauth2/authorization/**", "/login/oauth2/code/**")
            .permitAll()
            // a half-way sign-in reaches only these: the second-factor step, enrolment, passkey registration, sign-out
            .requestMatchers("/mfa", "/mfa/**", "/webauthn/register/**", "/webauthn/register", "/logout")
            .authenticated()
            .anyRequest()
            .access(fullySignedIn))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .csrf(c -> c.csrfTokenRepository(csrf))
        .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
        // a step-up code is checked first, then a session that still owes a fresh second factor is sent to give one
        .addFilterBefore(new FreshMfaFilter(false), AuthorizationFilter.class)
        .addFilterBefore(new StepUpFilter(signIn, clock), FreshMfaFilter.class)
        .formLogin(f -> f.loginPage("/login")
            .usernameParameter("email")
            .successHandler(loginEvents::onSuccess)
            .failureHandler(loginEvents::onFailure)
            .permitAll())
        .webAuthn(w -> w.rpName("Steward")
            .disableDefaultRegistrationPage(true)
            .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
              @Override
              public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                filter.setSecurityContextRepository(contexts);
                filter.setAuthenticationFailureHandler(loginEvents::onPasskeyFailure);
                return filter;
              }
            }))
        .logout(l -> l.logoutUrl("/logout")
            .addLogoutHandler((req, res, auth) -> loginEvents.onLogout(req, res, auth))
            .logoutSuccessUrl("/login?signedOut"))
        .exceptionHandling(e -> e.accessDeniedHandler(new HalfWayAccessDeniedHandler()))
        .headers(h -> h
            .contentSecurityPolicy(c -> c.policyDirectives(CSP))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31536000))
            .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
    if (oidcClients.getIfAvailable() != null) {
      http.oauth2Login(o -> o.loginPage("/login")
          .authorizationEndpoint(ae -> ae.authorizationRequestRepository(oidcRequests))
          .userInfoEndpoint(u -> u.oidcUserService(oidcSignIn))
          .successHandler(loginEvents::onOidcSuccess)
          .failureHandler(loginEvents::onOidcFailure));
    }
    return http.build();
  }

  @Bean
  ThrottleFilter throttleFilter(SignInThrottle throttle, UserStore users, Devices devices, AuditTrail audit, Clock clock) {
    return new ThrottleFilter(throttle, users, devices, audit, clock);
  }

  /** Keeps Spring Boot from also registering the throttle as a servlet filter for every request. */
  @Bean
  FilterRegistrationBean<ThrottleFilter> throttleFilterRegistration(ThrottleFilter filter) {
    FilterRegistrationBean<ThrottleFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  OidcSignIn oidcSignIn(UserStore users, Accounts accounts, OidcProperties properties) {
    return new OidcSignIn(users, accounts, properties);
  }

  @Bean
  OidcRequests oidcRequests(OidcRequestStore store, Clock clock) {
    return new OidcRequests(store, clock);
  }

  /** A half-way session that reaches for anything else is sent to its second factor; anyone else gets a plain 403. */
  static final class HalfWayAccessDeniedHandler implements org.springframework.security.web.access.AccessDeniedHandler {
    private final org.springframework.security.web.access.AccessDeniedHandlerImpl plain = new org.springframework.security.web.access.AccessDeniedHandlerImpl();

    @Override
    public void handle(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res,
        org.springframework.security.access.AccessDeniedException ex) throws IOException, jakarta.servlet.ServletException {
      if (SecurityContextHolder.getContext().getAuthentication() instanceof PendingAuthentication && "GET".equals(req.getMethod())) {
        res.sendRedirect("/mfa");
      } else {
        plain.handle(req, res, ex);
      }
    }
  }

  static void problem(HttpServletResponse res, HttpStatus status, String type, String title, String detail) throws IOException {
    problem(res, status, type, title, detail, null);
  }

  static void problem(HttpServletResponse res, HttpStatus status, String type, String title, String detail, String requestId) throws IOException {
    res.setStatus(status.value());
    res.setContentType("application/problem+json");
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write("{\"type\":\"https://steward.dev/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
        + ",\"detail\":\"" + detail + "\"" + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}");
  }
}
