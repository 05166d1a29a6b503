package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle in front of the password check, over HTTP: guessing is held back, the owner gets back in. */
class ThrottledSignInTest extends SignInTestBase {

  @Test
  void repeatedWrongPasswordsAreHeldBackWithoutCheckingThePasswordThenTheLockEnds() {
    TestUser u = users.withRole("support");
    WebSession attacker = browser();
    for (int i = 0; i < 3; i++) {
      assertThat(attacker.signIn(u.email(), "guess number " + i + " is wrong").location()).endsWith("/login?error");
    }
    assertThat(attacker.signIn(u.email(), "a fourth guess at once").location()).as("held back a second").contains("/login?throttled=");
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(attacker.signIn(u.email(), "another wrong guess " + i).location()).endsWith("/login?error");
    }
    assertThat(attacker.signIn(u.email(), TestUsers.PASSWORD).location()).as("even the right password waits").contains("/login?throttled=");
    assertThat(attacker.get("/login?throttled=2").body()).contains("Too many attempts");
    clock.advance(Duration.ofMinutes(16));
    assertThat(attacker.signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/");
  }

  @Test
  void aKnownDeviceSkipsTheAccountWideSlowDown() {
    TestUser u = users.withRole("support");
    WebSession owner = browser();
    assertThat(owner.signIn(u.email(), TestUsers.PASSWORD).location()).endsWith("/");
    owner.forget("STEWARD_SESSION");
    SignInThrottle throttle = applicationContext.getBean(SignInThrottle.class);
    for (int i = 0; i < 30; i++) {
      throttle.failed(u.email(), "192.0.2." + i);
      throttle.failed(u.email(), "127.0.0.1");
    }
    assertThat(browser().signIn(u.email(), TestUsers.PASSWORD).location()).as("a new browser waits").contains("/login?throttled=");
    assertThat(owner.signIn(u.email(), TestUsers.PASSWORD).location()).as("the owner's browser does not").endsWith("/");
  }

  @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext applicationContext;
}
