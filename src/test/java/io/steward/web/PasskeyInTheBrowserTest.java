package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.Browser;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Passkeys end to end in a real Chromium with its software authenticator (a CTAP2 platform authenticator with
 * user verification): register in Settings, sign out, sign in with the passkey alone.
 */
@DirtiesContext // its users would spoil the first-day test's empty Steward
class PasskeyInTheBrowserTest extends AppTestBase {

  @Test
  void registerAPasskeyThenSignInWithItAlone() {
    TestUser u = users.withRole("support");
    try (Browser b = new Browser(url(""))) {
      VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) b.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
          .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
          .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
          .setHasResidentKey(true)
          .setHasUserVerification(true)
          .setIsUserVerified(true));
      WebDriverWait wait = new WebDriverWait(b.driver(), Duration.ofSeconds(15));

      b.open("/login");
      b.type("#email", u.email());
      b.type("#password", TestUsers.PASSWORD);
      b.submit("#sign-in");

      b.open("/settings/security");
      b.type("#passkey-label", "Laptop");
      b.submit("#passkey-register");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkeys"), "Laptop"));
      assertThat(authenticator.getCredentials()).hasSize(1);

      b.submit("#sign-out");
      assertThat(b.text()).contains("You are signed out");
      b.submit("#passkey-sign-in");
      wait.until(d -> !b.path().equals("/login"));
      b.open("/settings/sessions");
      assertThat(b.path()).isEqualTo("/settings/sessions");
      assertThat(b.text()).contains("Your sessions");
    }
  }
}
