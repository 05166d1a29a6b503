package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import io.steward.testsupport.WebSession.Page;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The password is only half of signing in: the session is fully signed in after the second factor, and not before. */
class TwoStepSignInTest extends SignInTestBase {

  @Autowired SecondFactors factors;
  @Autowired JdbcClient jdbc;

  @Test
  void aUserWithAnAuthenticatorGivesACodeAfterThePasswordAndReachesNothingBefore() {
    TestUser u = users.withRole("sales");
    AuthenticatorApp app = enrol(u);
    WebSession b = browser();

    assertThat(b.signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/mfa");
    assertThat(b.get("/").location()).as("half-way: everything else sends back to the code").endsWith("/mfa");
    assertThat(b.get("/settings/tokens").location()).endsWith("/mfa");
    assertThat(b.get("/mfa").body()).contains("Code from your authenticator app");
    assertThat(mfaAtOfLatestSession(u)).isNull();

    assertThat(b.post("/mfa/verify", Map.of("code", "000000")).status()).isEqualTo(422);
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.post("/mfa/verify", Map.of("code", app.codeAt(clock.instant()))).location()).endsWith("/");
    assertThat(b.get("/settings/sessions").status()).isEqualTo(200);
    assertThat(mfaAtOfLatestSession(u)).isNotNull();
  }

  @Test
  void anAdminWithoutASecondFactorMustEnrolBeforeAnythingElse() {
    TestUser admin = users.withRole("admin");
    WebSession b = browser();
    assertThat(b.signIn(admin.email(), TestUsers.PASSWORD).location()).endsWith("/mfa");
    assertThat(b.get("/admin/users").location()).endsWith("/mfa");
    Page enrol = b.get("/mfa");
    assertThat(enrol.body()).contains("Your role needs a second factor").contains("<svg");
    String secret = secretOn(enrol.body());

    Page codes = b.post("/mfa/enrol/totp", Map.of("code", new AuthenticatorApp(secret).codeAt(clock.instant())));
    assertThat(codes.body()).contains("Your recovery codes");
    assertThat(b.get("/admin/users").status()).isEqualTo(200);
  }

  @Test
  void aUserWhoNeedsNoSecondFactorIsSignedInByThePassword() {
    TestUser u = users.withRole("support");
    WebSession b = browser();
    assertThat(b.signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/");
    assertThat(b.get("/settings/sessions").status()).isEqualTo(200);
  }

  @Test
  void aSignInFromANewDeviceLeavesANoticeAndTheSameDeviceDoesNot() {
    TestUser u = users.withRole("support");
    WebSession first = browser();
    first.signIn(u.email(), TestUsers.PASSWORD);
    assertThat(first.cookie("STEWARD_DEVICE")).isNotNull();
    assertThat(first.get("/settings/sessions").body()).doesNotContain("New sign-in to your account");

    WebSession second = browser();
    second.signIn(u.email(), TestUsers.PASSWORD);
    assertThat(first.get("/settings/sessions").body()).as("the owner sees it on the next page view").contains("New sign-in to your account from a new device");

    first.forget("STEWARD_SESSION");
    first.signIn(u.email(), TestUsers.PASSWORD);
    assertThat(jdbc.sql("select count(*) from user_notice where user_id = :u").param("u", u.id()).query(Integer.class).single())
        .as("the known device raised no second notice").isEqualTo(1);
  }

  @Test
  void signOutEverywhereEndsEverySession() {
    TestUser u = users.withRole("support");
    WebSession laptop = browser();
    WebSession phone = browser();
    laptop.signIn(u.email(), TestUsers.PASSWORD);
    phone.signIn(u.email(), TestUsers.PASSWORD);
    laptop.get("/settings/sessions");
    assertThat(laptop.post("/settings/sessions/end-all", Map.of()).location()).contains("/login");
    assertThat(phone.get("/").location()).contains("/login");
    assertThat(laptop.get("/").location()).contains("/login");
  }

  @Test
  void aFreshSessionIdIsIssuedAtEachStepOfSignIn() {
    TestUser u = users.withRole("sales");
    AuthenticatorApp app = enrol(u);
    WebSession b = browser();
    b.get("/login");
    b.signIn(u.email(), TestUsers.PASSWORD);
    String halfWay = b.cookie("STEWARD_SESSION");
    assertThat(halfWay).isNotNull();
    b.get("/mfa");
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.post("/mfa/verify", Map.of("code", app.codeAt(clock.instant()))).location()).endsWith("/");
    assertThat(b.cookie("STEWARD_SESSION")).as("completing the second factor keeps the new session").isEqualTo(halfWay);
    WebSession other = browser();
    other.signIn(u.email(), TestUsers.PASSWORD);
    assertThat(other.cookie("STEWARD_SESSION")).isNotEqualTo(halfWay);
  }

  private AuthenticatorApp enrol(TestUser u) {
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    AuthenticatorApp app = new AuthenticatorApp(e.secret());
    factors.confirmTotp(u.id(), app.codeAt(clock.instant()), RequestInfo.NONE).orElseThrow();
    return app;
  }

  private Object mfaAtOfLatestSession(TestUser u) {
    return jdbc.sql("select mfa_at from user_session where user_id = :u order by created_at desc limit 1").param("u", u.id())
        .query((rs, n) -> rs.getObject(1)).optional().orElse(null);
  }

  static String secretOn(String body) {
    Optional<String> secret = AuthenticatorApp.keyOnEnrolmentPage(body);
    assertThat(secret).isPresent();
    return secret.get();
  }
}
