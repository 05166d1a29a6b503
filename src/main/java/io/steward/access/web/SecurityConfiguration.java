package io.steward.access.web;

import io.steward.access.AccessProperties;
import io.steward.access.ApiTokens;
import io.steward.access.Sessions;
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
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
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

  @Bean
  UserDetailsService userDetailsService(UserStore users, GrantStore grants, Clock clock) {
    return email -> users.findByEmail(email.length() > 254 ? "" : email)
        .map(u -> new StewardUserDetails(u.id(), u.email(), u.passwordHash() == null ? "{none}" : u.passwordHash(),
            u.enabled() && grants.forUser(u.id()).stream().anyMatch(g -> g.activeAt(clock.instant()))))
        .orElseThrow(() -> new UsernameNotFoundException("unknown"));
  }

  @Bean
  AuthenticationManager authenticationManager(UserDetailsService details, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(details);
    provider.setPasswordEncoder(encoder);
    return new ProviderManager(List.of(provider));
  }

  @Bean
  SessionContextRepository sessionContextRepository(Sessions sessions, AccessProperties properties) {
    return new SessionContextRepository(sessions, properties);
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
  SecurityFilterChain web(HttpSecurity http, SessionContextRepository contexts, Sessions sessions, LoginEvents loginEvents,
      AccessProperties properties) throws Exception {
    CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
    csrf.setCookieCustomizer(c -> c.sameSite("Lax").secure(properties.secureCookies()));
    http.authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/setup", "/css/**", "/js/**", "/favicon.svg", "/actuator/health", "/v3/api-docs/**",
                "/swagger-ui/**", "/swagger-ui.html", "/error")
            .permitAll()
            .anyRequest()
            .authenticated())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(c -> c.requestCache(new NullRequestCache()))
        .csrf(c -> c.csrfTokenRepository(csrf))
        .formLogin(f -> f.loginPage("/login")
            .usernameParameter("email")
            .successHandler(loginEvents::onSuccess)
            .failureHandler(loginEvents::onFailure)
            .permitAll())
        .logout(l -> l.logoutUrl("/logout")
            .addLogoutHandler((req, res, auth) -> loginEvents.onLogout(req, res, auth))
            .logoutSuccessUrl("/login?signedOut"))
        .headers(h -> h
            .contentSecurityPolicy(c -> c.policyDirectives(CSP))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31536000))
            .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
    return http.build();
  }

  static void problem(HttpServletResponse res, HttpStatus status, String type, String title, String detail) throws IOException {
    res.setStatus(status.value());
    res.setContentType("application/problem+json");
    res.getWriter().write("{\"type\":\"https://steward.dev/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
        + ",\"detail\":\"" + detail + "\"}");
  }
}
