package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.Browser;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/** In a real Chromium: set up an authenticator app in Settings, sign out, sign in with the password and a code. */
@DirtiesContext // its users would spoil the first-day test's empty Steward
class TwoStepSignInTheBrowserTest extends AppTestBase {

  @Test
  void enrolTotpSignOutSignInWithPasswordAndCode() throws Exception {
    TestUser u = users.withRole("support");
    try (Browser b = new Browser(url(""))) {
      b.open("/login");
      b.type("#email", u.email());
      b.type("#password", TestUsers.PASSWORD);
      b.submit("#sign-in");
      assertThat(b.path()).isEqualTo("/");

      b.open("/settings/security");
      assertThat(b.find("#totp-status").getText()).isEqualTo("Off.");
      b.submit("#setup-totp");
      assertThat(b.find("svg.qr").isDisplayed()).isTrue();
      AuthenticatorApp phone = new AuthenticatorApp(b.find("#totp-secret").getText());
      b.type("#code", phone.codeAt(Instant.now()));
      b.submit("#confirm-totp");
      assertThat(b.text()).contains("Your recovery codes");
      String recovery = b.find("#recovery-codes li").getText();
      b.submit("#continue");
      assertThat(b.find("#totp-status").getText()).startsWith("On.");

      b.submit("#sign-out");
      assertThat(b.text()).contains("You are signed out");

      b.type("#email", u.email());
      b.type("#password", TestUsers.PASSWORD);
      b.submit("#sign-in");
      assertThat(b.path()).isEqualTo("/mfa");
      b.open("/settings/sessions");
      assertThat(b.path()).as("nothing else before the code").isEqualTo("/mfa");
      // the enrolment code's time step is used up; wait for the next one, as a person would
      waitForNextTimeStep();
      b.type("#code", phone.codeAt(Instant.now()));
      b.submit("#verify-code");
      b.open("/settings/sessions");
      assertThat(b.path()).isEqualTo("/settings/sessions");
      assertThat(b.text()).contains("Your sessions");

      // and a recovery code works when the phone is lost
      b.submit("#sign-out");
      b.type("#email", u.email());
      b.type("#password", TestUsers.PASSWORD);
      b.submit("#sign-in");
      b.type("#code", recovery);
      b.submit("#verify-code");
      b.open("/settings/security");
      assertThat(b.find("#totp-status").getText()).contains("9 recovery code(s) left");
    }
  }

  private static void waitForNextTimeStep() throws InterruptedException {
    long now = System.currentTimeMillis();
    Thread.sleep(30_000 - now % 30_000 + 200);
  }
}
