package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.FirstAdmin;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.AuthenticatorApp;
import io.steward.testsupport.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** A new business's first minutes with Steward, in a real headless Chromium, on an instance of its own. */
@org.springframework.test.context.TestPropertySource(properties = "steward.test.instance=first-day")
class FirstDayInTheBrowserTest extends AppTestBase {

  @Autowired FirstAdmin firstAdmin;

  @Test
  void setupLinkToAdminToCompanyContactDealAndBoardMove() {
    String token = firstAdmin.issueToken();
    try (Browser b = new Browser(url(""))) {
      // the one-time setup link creates the first administrator
      b.open("/setup?token=" + token);
      b.type("#displayName", "Avery Admin");
      b.type("#email", "avery@business.example.test");
      b.type("#password", "plenty of unrelated words");
      b.type("#confirm", "plenty of unrelated words");
      b.submit("#create-admin");
      assertThat(b.text()).contains("The administrator account is ready");

      // the link works once
      b.open("/setup?token=" + token);
      assertThat(b.text()).contains("no longer valid");

      // sign in: an administrator must set up a second factor before anything else
      b.open("/login");
      b.type("#email", "avery@business.example.test");
      b.type("#password", "plenty of unrelated words");
      b.submit("#sign-in");
      assertThat(b.text()).contains("Your role needs a second factor");
      AuthenticatorApp phone = new AuthenticatorApp(b.find("#totp-secret").getText());
      b.type("#code", phone.codeAt(java.time.Instant.now()));
      b.submit("#confirm-totp");
      b.submit("#continue");
      assertThat(b.text()).contains("Dashboard");

      // a company
      b.open("/o/companies/new");
      b.type("#f\\.name", "Initech <script>alert(1)</script>");
      b.submit("#save-record");
      assertThat(b.find("#record-title").getText()).isEqualTo("Initech <script>alert(1)</script>");
      String companyPath = b.path();

      // a contact linked to it, with a validation message next to a field first
      b.open("/o/contacts/new");
      b.type("#f\\.firstName", "Peter");
      b.type("#f\\.lastName", "Gibbons");
      b.type("#f\\.email", "not-an-email");
      new Select(b.find("#f\\.company")).selectByVisibleText("Initech <script>alert(1)</script>");
      b.submit("#save-record");
      assertThat(b.find("[data-error-for=email]").getText()).contains("email address");
      b.screenshot("contact-form-error");
      b.type("#f\\.email", "peter@initech.example.test");
      b.submit("#save-record");
      assertThat(b.find("#record-title").getText()).isEqualTo("Peter Gibbons");
      assertThat(b.find("[data-field=company] a").getAttribute("href")).endsWith(companyPath);
      b.screenshot("contact-detail");

      // a deal for the company
      b.open("/o/deals/new");
      b.type("#f\\.name", "TPS report licences");
      b.type("#f\\.amount", "12000");
      new Select(b.find("#f\\.stage")).selectByValue("qualification");
      new Select(b.find("#f\\.company")).selectByVisibleText("Initech <script>alert(1)</script>");
      b.submit("#save-record");
      assertThat(b.find("#record-title").getText()).isEqualTo("TPS report licences");

      // move it on the board
      b.open("/pipeline");
      var card = b.find("[data-stage=qualification] .deal");
      new Select(card.findElement(By.cssSelector("select[name=stage]"))).selectByValue("proposal");
      b.clickAndWait(card.findElement(By.cssSelector("button")));
      assertThat(b.find("[data-stage=proposal]").getText()).contains("TPS report licences");
      assertThat(b.find("[data-stage=qualification]").getText()).doesNotContain("TPS report licences");
      b.screenshot("pipeline-board");
      b.open("/");
      b.screenshot("dashboard");
      b.open("/o/contacts");
      b.screenshot("contact-list");
    }
  }
}
