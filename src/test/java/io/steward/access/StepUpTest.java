package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import io.steward.testsupport.WebSession.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Risky actions ask for a fresh second factor, inline, and then do what was asked without losing the form. */
@org.springframework.test.context.TestPropertySource(properties = "steward.test.instance=step-up")
class StepUpTest extends SignInTestBase {

  @Autowired StepUp stepUp;
  @Autowired SecondFactors factors;
  @Autowired Principals principals;
  @Autowired Accounts accounts;

  @Test
  void aSecondFactorCountsForTheConfiguredWindowOnly() {
    Principal p = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    assertThatThrownBy(() -> stepUp.require(p, StepUp.REVEAL)).isInstanceOf(StepUpRequiredException.class)
        .hasMessageContaining("reveal a sensitive value");
    assertThatCode(() -> stepUp.require(p.withMfaAt(clock.instant().minus(Duration.ofMinutes(9))), StepUp.REVEAL)).doesNotThrowAnyException();
    assertThatThrownBy(() -> stepUp.require(p.withMfaAt(clock.instant().minus(Duration.ofMinutes(11))), StepUp.EXPORT))
        .isInstanceOf(StepUpRequiredException.class);
    assertThatCode(() -> stepUp.require(Principal.system(), StepUp.ROTATE_KEYS)).doesNotThrowAnyException();
  }

  @Test
  void ordinaryApiTokensCarryNoSecondFactorSoTheyCannotStepUp() {
    TestUser admin = users.withRole("admin");
    ApiTokens tokens = applicationContext.getBean(ApiTokens.class);
    String ordinary = tokens.create(Principal.system(), admin.id(), "ordinary", java.time.Duration.ofDays(1)).token();
    Principal viaToken = tokens.resolve(ordinary, RequestInfo.NONE).orElseThrow();
    assertThat(viaToken.mfaAt()).isNull();
    assertThatThrownBy(() -> accounts.grant(viaToken, users.withRole("support").id(), "sales", null, null, null, "by token"))
        .isInstanceOf(StepUpRequiredException.class);
  }

  @Test
  void privilegedTokensStepUpButCreatingOneNeedsAFreshSecondFactor() {
    TestUser admin = users.withRole("admin");
    ApiTokens tokens = applicationContext.getBean(ApiTokens.class);
    String ordinary = tokens.create(Principal.system(), admin.id(), "ordinary", java.time.Duration.ofDays(1)).token();
    Principal withoutMfa = tokens.resolve(ordinary, RequestInfo.NONE).orElseThrow();

    assertThatThrownBy(() -> tokens.create(withoutMfa, admin.id(), "escalate", java.time.Duration.ofDays(1), true))
        .isInstanceOf(StepUpRequiredException.class);
    assertThatThrownBy(() -> tokens.create(Principal.system(), admin.id(), "too long", java.time.Duration.ofDays(8), true))
        .isInstanceOf(AccessRequestException.class);
    Principal privileged = tokens.resolve(admin.token(), RequestInfo.NONE).orElseThrow();
    accounts.grant(privileged, users.withRole("support").id(), "sales", null, null, null, "by privileged token");
  }

  @Test
  void changingGrantsAsksForACodeInlineAndThenGrantsWhatTheFormSaid() {
    TestUser admin = users.withRole("admin");
    AuthenticatorApp app = enrol(admin);
    TestUser colleague = users.withRole("support");
    WebSession b = browser();
    b.signIn(admin.email(), TestUsers.PASSWORD);
    b.get("/mfa");
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.post("/mfa/verify", Map.of("code", app.codeAt(clock.instant()))).location()).endsWith("/");

    clock.advance(Duration.ofMinutes(11));
    b.get("/admin/users/" + colleague.id());
    Page prompt = b.post("/admin/users/" + colleague.id() + "/grants",
        Map.of("role", "sales", "reason", "covering the Leeds accounts", "expires", "", "networks", "", "hours", ""));
    assertThat(prompt.status()).isEqualTo(403);
    assertThat(prompt.body()).contains("Confirm it is you").contains("change who has which role").contains("covering the Leeds accounts");
    assertThat(grantsOf(colleague)).containsExactly("support");

    Map<String, String> fields = hiddenFields(prompt.body());
    fields.put("_stepup_code", "123456");
    Page wrong = b.post("/admin/users/" + colleague.id() + "/grants", fields);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.body()).contains("That code did not work");

    clock.advance(Duration.ofSeconds(30));
    fields = hiddenFields(wrong.body());
    fields.put("_stepup_code", app.codeAt(clock.instant()));
    Page done = b.post("/admin/users/" + colleague.id() + "/grants", fields);
    assertThat(done.location()).endsWith("/admin/users/" + colleague.id());
    assertThat(grantsOf(colleague)).containsExactly("support", "sales");

    // within the window, the next risky action goes straight through
    b.get("/admin/users/" + colleague.id());
    assertThat(b.post("/admin/users/" + colleague.id() + "/grants", Map.of("role", "marketing", "reason", "newsletter")).location())
        .endsWith("/admin/users/" + colleague.id());
  }

  private List<String> grantsOf(TestUser u) {
    return accounts.find(u.id()).orElseThrow().grants().stream().filter(g -> g.revokedAt() == null).map(g -> g.roleName()).toList();
  }

  private AuthenticatorApp enrol(TestUser u) {
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    AuthenticatorApp app = new AuthenticatorApp(e.secret());
    factors.confirmTotp(u.id(), app.codeAt(clock.instant()), RequestInfo.NONE).orElseThrow();
    return app;
  }

  private static Map<String, String> hiddenFields(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(body.substring(body.indexOf("stepup-form")));
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }

  @Autowired org.springframework.context.ApplicationContext applicationContext;
}
