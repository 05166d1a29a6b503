package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.StubOidcProvider;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import io.steward.testsupport.WebSession.Page;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenID Connect against a stub provider started by the test, with local passwords switched off: accounts are
 * matched by verified email, none is created, and the provider's MFA counts through its amr claim.
 */
class SingleSignOnTest extends AppTestBase {

  static final StubOidcProvider PROVIDER = new StubOidcProvider();

  @DynamicPropertySource
  static void oidc(DynamicPropertyRegistry registry) {
    registry.add("steward.access.oidc.issuer", PROVIDER::issuer);
    registry.add("steward.access.oidc.client-id", () -> StubOidcProvider.CLIENT_ID);
    registry.add("steward.access.oidc.client-secret", () -> StubOidcProvider.CLIENT_SECRET);
    registry.add("steward.access.oidc.label", () -> "Sign in with Stub IdP");
    registry.add("steward.access.local-passwords", () -> "false");
  }

  @Autowired JdbcClient jdbc;

  @Test
  void theSignInPageOffersSingleSignOnAndNoPasswordForm() {
    String page = new WebSession(url("")).get("/login").body();
    assertThat(page).contains("Sign in with Stub IdP").contains("/oauth2/authorization/steward").doesNotContain("id=\"password\"");
  }

  @Test
  void localPasswordsAreRefusedWhenSwitchedOff() {
    TestUser u = users.withRole("support");
    assertThat(new WebSession(url("")).signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/login?error");
  }

  @Test
  void aKnownEmailSignsInThroughTheProvider() {
    TestUser u = users.withRole("support");
    WebSession b = new WebSession(url(""));
    assertThat(signInWith(b, Map.of("email", u.email(), "email_verified", true, "amr", List.of("pwd"))).location()).endsWith("/");
    assertThat(b.get("/settings/sessions").status()).isEqualTo(200);
  }

  @Test
  void theProvidersMfaCountsAsASecondFactor() {
    TestUser admin = users.withRole("admin");
    WebSession b = new WebSession(url(""));
    assertThat(signInWith(b, Map.of("email", admin.email(), "email_verified", true, "amr", List.of("pwd", "mfa"))).location()).endsWith("/");
    assertThat(b.get("/admin/users").status()).isEqualTo(200);
    assertThat(jdbc.sql("select count(*) from user_session where user_id = :u and mfa_at is not null and auth_method = 'oidc'")
        .param("u", admin.id()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void withoutTheProvidersMfaAnAdminStillOwesASecondFactor() {
    TestUser admin = users.withRole("admin");
    WebSession b = new WebSession(url(""));
    assertThat(signInWith(b, Map.of("email", admin.email(), "email_verified", true, "amr", List.of("pwd"))).location()).endsWith("/mfa");
    assertThat(b.get("/admin/users").location()).endsWith("/mfa");
  }

  @Test
  void anUnknownOrUnverifiedEmailIsRefusedLikeAWrongPasswordAndNoAccountIsCreated() {
    String stranger = "stranger-" + UUID.randomUUID() + "@example.test";
    assertThat(signInWith(new WebSession(url("")), Map.of("email", stranger, "email_verified", true)).location()).endsWith("/login?error");
    assertThat(jdbc.sql("select count(*) from app_user where email = :e").param("e", stranger).query(Integer.class).single()).isZero();
    TestUser u = users.withRole("support");
    assertThat(signInWith(new WebSession(url("")), Map.of("email", u.email(), "email_verified", false)).location()).endsWith("/login?error");
  }

  /** Plays the browser: start at Steward, "sign in" at the provider, come back with a code. */
  private Page signInWith(WebSession b, Map<String, Object> claims) {
    Page start = b.get("/oauth2/authorization/steward");
    assertThat(start.location()).startsWith(PROVIDER.issuer() + "/authorize");
    Map<String, String> query = query(URI.create(start.location()).getRawQuery());
    PROVIDER.nextSignIn(claims, query.get("nonce"));
    URI callback = URI.create(query.get("redirect_uri"));
    return b.get(callback.getPath() + "?code=stub-code-" + UUID.randomUUID() + "&state=" + query.get("state"));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }
}
