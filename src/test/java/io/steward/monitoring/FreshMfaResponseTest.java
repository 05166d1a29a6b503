package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.access.RequestInfo;
import io.steward.access.SecondFactors;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.records.RecordService;
import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import io.steward.testsupport.WebSession.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * "Require fresh MFA" really asks for one: from the request after the rule fires, a token gets 403
 * {@code step-up-required} (and cannot give a second factor), a browser session is sent to the step-up page and
 * goes on in the same session after a code; other accounts notice nothing. Enumeration is set to this response
 * with a floor of 5 single reads, so that six record opens set it off.
 */
@TestPropertySource(properties = {"steward.test.instance=fresh-mfa", "steward.monitoring.rules.enumeration.response=REQUIRE_MFA",
    "steward.monitoring.rules.enumeration.threshold=5"})
class FreshMfaResponseTest extends SignInTestBase {

  @Autowired RecordService records;
  @Autowired SecondFactors factors;
  @Autowired ApiTokens tokens;
  @Autowired Accounts accounts;
  @Autowired AuditQueries audit;
  @Autowired Incidents incidents;
  @Autowired io.steward.access.AccessReview review;

  private final List<String> contactIds = new ArrayList<>();

  @BeforeEach
  void contacts() {
    if (contactIds.isEmpty()) {
      for (int i = 0; i < 12; i++) {
        contactIds.add(records.create(Principal.system(), "contacts",
            Map.of("firstName", "Test", "lastName", "Walked" + i, "email", "walked" + i + "@example.test")).id().toString());
      }
    }
  }

  @Test
  void tokensGetStepUpRequiredFromTheCrossingRequestOnAndOnlyATokenMadeAfterwardsWorks() {
    TestUser victim = users.withRole("support");
    enrol(victim);
    String ordinary = tokens.create(Principal.system(), victim.id(), "ordinary", Duration.ofDays(1)).token();
    TestUser bystander = users.withRole("support");

    int read = 0;
    ResponseEntity<String> crossing;
    while ((crossing = api("/api/v1/contacts/" + contactIds.get(read), victim.token())).getStatusCode().value() == 200) {
      read++;
    }
    assertStepUpRequired(crossing);
    assertThat(crossing.getBody()).as("the crossing request's answer is withheld").doesNotContain("Walked");
    assertThat(RuleFixture.fresh(contactIds.subList(0, read))).as("records counted before the rule fired").isEqualTo(5);

    ResponseEntity<String> next = api("/api/v1/contacts", victim.token());
    assertStepUpRequired(next);
    assertThat(next.getBody()).contains("\"requestId\"").contains("make a new token");
    assertStepUpRequired(api("/api/v1/contacts", ordinary));
    assertThat(api("/api/v1/contacts", bystander.token()).getStatusCode().value()).as("other accounts are not affected").isEqualTo(200);
    assertThat(accounts.find(victim.id()).orElseThrow().enabled()).as("not suspended").isTrue();
    assertThat(tokens.of(victim.id())).as("not revoked: refused").allSatisfy(t -> assertThat(t.revokedAt()).isNull());

    Incident incident = incidents.open(admin()).stream().filter(i -> victim.id().equals(i.userId())).findFirst().orElseThrow();
    assertThat(incident.response()).isEqualTo(Response.REQUIRE_MFA);
    assertThat(incident.contained()).isNotNull();
    assertThat(mfaEvents(victim)).contains("fresh-mfa-demanded");

    clock.advance(Duration.ofSeconds(1));
    String remade = tokens.create(Principal.system(), victim.id(), "made after the demand", Duration.ofDays(1), true).token();
    assertThat(api("/api/v1/contacts", remade).getStatusCode().value()).isEqualTo(200);
    assertStepUpRequired(api("/api/v1/contacts", victim.token()));
  }

  @Test
  void aBrowserIsSentToStepUpAndGoesOnInTheSameSessionAfterACode() {
    TestUser victim = users.withRole("support");
    AuthenticatorApp app = enrol(victim);
    WebSession b = browser();
    assertThat(b.signIn(victim.email(), TestUsers.PASSWORD).location()).endsWith("/mfa");
    b.get("/mfa");
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.post("/mfa/verify", Map.of("code", app.codeAt(clock.instant()))).location()).endsWith("/");
    String session = b.cookie("STEWARD_SESSION");
    TestUser bystander = users.withRole("support");
    WebSession other = browser();
    other.signIn(bystander.email(), TestUsers.PASSWORD);
    assertThat(other.get("/o/contacts").status()).isEqualTo(200);

    int read = 0;
    Page crossing;
    while ((crossing = b.get("/o/contacts/" + contactIds.get(read))).status() == 200) {
      read++;
    }
    assertThat(RuleFixture.fresh(contactIds.subList(0, read))).isEqualTo(5);
    assertThat(crossing.location()).as("the crossing page is withheld").isEqualTo("/stepup?continue=%2Fo%2Fcontacts%2F" + contactIds.get(read));
    assertThat(crossing.body()).doesNotContain("Walked");

    Page next = b.get("/o/contacts?q=Walked");
    assertThat(next.status()).isEqualTo(303);
    assertThat(next.location()).isEqualTo("/stepup?continue=%2Fo%2Fcontacts%3Fq%3DWalked");
    assertThat(b.get("/settings/security").location()).as("nor may it add a factor to pass with").startsWith("/stepup");
    assertThat(b.post("/webauthn/register/options", Map.of()).location()).startsWith("/stepup");
    assertThat(other.get("/o/contacts").status()).as("other accounts are not affected").isEqualTo(200);

    Page ask = b.get(next.location());
    assertThat(ask.status()).isEqualTo(200);
    assertThat(ask.body()).contains("Confirm it is you").contains("name=\"_stepup_code\"").doesNotContain("walked0@");
    Page wrong = b.post("/stepup", Map.of("continue", "/o/contacts?q=Walked", "_stepup_code", "000000"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.body()).contains("That code did not work");
    assertThat(b.get("/o/contacts").location()).startsWith("/stepup");

    clock.advance(Duration.ofSeconds(30));
    Page done = b.post("/stepup", Map.of("continue", "/o/contacts?q=Walked", "_stepup_code", app.codeAt(clock.instant())));
    assertThat(done.location()).endsWith("/o/contacts?q=Walked");
    Page list = b.get("/o/contacts?q=Walked");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("Walked");
    assertThat(b.get("/o/contacts/" + contactIds.get(read + 1)).status()).isEqualTo(200);
    assertThat(b.cookie("STEWARD_SESSION")).as("the same session goes on").isEqualTo(session);
    assertThat(mfaEvents(victim)).contains("fresh-mfa-demanded", "fresh-mfa-met");

    assertStepUpRequired(api("/api/v1/contacts", victim.token()));
  }

  @Test
  void anAccountWithNoSecondFactorToGiveHasItsSessionsAndTokensEndedInstead() {
    TestUser victim = users.withRole("support");
    int read = 0;
    int status;
    while ((status = api("/api/v1/contacts/" + contactIds.get(read), victim.token()).getStatusCode().value()) == 200) {
      read++;
    }
    assertThat(status).as("the crossing request").isEqualTo(401);
    assertThat(RuleFixture.fresh(contactIds.subList(0, read))).isEqualTo(5);
    assertThat(api("/api/v1/contacts", victim.token()).getStatusCode().value()).isEqualTo(401);
    assertThat(tokens.of(victim.id())).allSatisfy(t -> assertThat(t.revokedAt()).isNotNull());
    assertThat(mfaEvents(victim)).doesNotContain("fresh-mfa-demanded");
  }

  private ResponseEntity<String> api(String path, String token) {
    HttpHeaders h = new HttpHeaders();
    h.setBearerAuth(token);
    return http.exchange(url(path), HttpMethod.GET, new HttpEntity<>(h), String.class);
  }

  private static void assertStepUpRequired(ResponseEntity<String> r) {
    assertThat(r.getStatusCode().value()).isEqualTo(403);
    assertThat(r.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(r.getBody()).contains("\"type\":\"https://steward.dev/problems/step-up-required\"").contains("\"status\":403");
  }

  private List<String> mfaEvents(TestUser u) {
    return audit.find(AuditFilter.all().actions(AuditActions.MFA).record(u.id().toString()), 0, 50).items().stream()
        .map(e -> e.event().details().getOrDefault("change", "")).toList();
  }

  private Principal admin() {
    return review.principalOf(users.withRole("admin").id()).orElseThrow();
  }

  private AuthenticatorApp enrol(TestUser u) {
    SecondFactors.TotpEnrolment e = factors.startTotp(u.id());
    AuthenticatorApp app = new AuthenticatorApp(e.secret());
    factors.confirmTotp(u.id(), app.codeAt(clock.instant()), RequestInfo.NONE).orElseThrow();
    return app;
  }
}
