package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.MutableClock;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Invariant 5: revoking or expiring access takes effect at the very next request, for open sessions too. */
@Import(AccessEndsWhenItShouldTest.Clocks.class)
class AccessEndsWhenItShouldTest extends AppTestBase {

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  @Autowired MutableClock clock;
  @Autowired Accounts accounts;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void expiredVendorGrantEndsAnOpenSessionAtItsNextRequest() {
    TestUser vendor = users.vendorUntil(clock.instant().plus(Duration.ofHours(1)));
    WebSession browser = users.signedIn(url(""), vendor);
    assertThat(browser.get("/o/companies").status()).isEqualTo(200);

    clock.advance(Duration.ofHours(1).plusSeconds(1));

    WebSession.Page after = browser.get("/o/companies");
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.location()).endsWith("/login");
  }

  @Test
  void revokedGrantEndsAnOpenSessionAtItsNextRequest() {
    TestUser sales = users.withRole("sales");
    WebSession browser = users.signedIn(url(""), sales);
    assertThat(browser.get("/o/contacts").status()).isEqualTo(200);

    accounts.find(sales.id()).orElseThrow().grants().forEach(g -> accounts.revokeGrant(Principal.system(), g.id()));

    assertThat(browser.get("/o/contacts").status()).isEqualTo(302);
  }

  @Test
  void disabledAccountLosesItsSessionAtOnce() {
    TestUser sales = users.withRole("sales");
    WebSession browser = users.signedIn(url(""), sales);

    accounts.setEnabled(Principal.system(), sales.id(), false);

    assertThat(browser.get("/").status()).isEqualTo(302);
    assertThat(browser.signIn(sales.email(), TestUsers.PASSWORD).location()).contains("/login?error");
  }

  @Test
  void idleSessionExpires() {
    TestUser sales = users.withRole("sales");
    WebSession browser = users.signedIn(url(""), sales);

    clock.advance(Duration.ofMinutes(31));

    assertThat(browser.get("/").status()).isEqualTo(302);
  }

  @Test
  void vendorGrantMustExpireWithinTheMaximum() {
    TestUser sponsor = users.withRole("admin");
    var id = accounts.createUser(Principal.system(),
        new Accounts.NewUser("vendor-max@vendor.example.test", "V", TestUsers.PASSWORD, UserKind.VENDOR, "main", sponsor.id()));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.grant(Principal.system(), id, "vendor", null, null, null, "x"))
        .isInstanceOf(AccessRequestException.class).hasMessageContaining("must expire");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> accounts.grant(Principal.system(), id, "vendor", clock.instant().plus(Duration.ofDays(31)), null, null, "x"))
        .isInstanceOf(AccessRequestException.class).hasMessageContaining("at most 30 days");
  }

  @Test
  void grantLimitedToANetworkDoesNotApplyElsewhere() {
    TestUser u = users.withRole("support");
    accounts.find(u.id()).orElseThrow().grants().forEach(g -> accounts.revokeGrant(Principal.system(), g.id()));
    accounts.grant(Principal.system(), u.id(), "support", null, "203.0.113.0/24", null, "only from the office");
    WebSession browser = new WebSession(url(""));

    assertThat(browser.signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/");
    assertThat(browser.get("/").status()).as("loopback is not in 203.0.113.0/24").isEqualTo(302);
  }

  @Test
  void signOutEverywhereEndsOtherSessions() {
    TestUser sales = users.withRole("sales");
    WebSession laptop = new WebSession(url(""));
    WebSession phone = new WebSession(url(""));
    laptop.signIn(sales.email(), TestUsers.PASSWORD);
    phone.signIn(sales.email(), TestUsers.PASSWORD);
    laptop.get("/settings/sessions");

    laptop.post("/settings/sessions/end-all", Map.of());

    assertThat(phone.get("/").status()).isEqualTo(302);
  }
}
