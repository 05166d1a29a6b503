package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.records.RecordJobs;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.Browser;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator fits Steward to the business in a real Chromium: fields, a custom object, purposes, inventory,
 * import. Its own application context, so that counts and names start from an empty Steward.
 */
@org.springframework.test.context.TestPropertySource(properties = "steward.test.context=schema-browser")
class SchemaAdminInTheBrowserTest extends AppTestBase {

  @Autowired RecordJobs jobs;

  /** Clicks and waits for the next page, so no assertion reads the page being left. */
  private static void submit(Browser b, String css) {
    b.submit(css); // waits until the next page has replaced this one
  }

  @Test
  void customFieldsObjectsPurposesInventoryAndImport() throws Exception {
    TestUser admin = users.withRole("admin");
    try (Browser b = new Browser(url(""))) {
      users.signIn(b, admin);
      b.open("/admin/schema");
      assertThat(b.find("#objects").getText()).contains("Contact", "Company", "Deal", "Activity");

      // a custom field on contacts; an invalid pattern is refused next to its input
      b.open("/admin/schema/contact/fields/new");
      b.type("#label", "Badge code");
      b.type("#apiName", "badgeCode");
      new Select(b.find("#classification")).selectByValue("internal");
      b.type("#pattern", "[A-Z{3");
      submit(b, "#save-field");
      assertThat(b.find("[data-error-for=pattern]").getText()).contains("not a valid regular expression");
      b.type("#pattern", "[A-Z]{3}-[0-9]{4}");
      b.type("#helpText", "Like ABC-1234");
      submit(b, "#save-field");
      assertThat(b.text()).contains("Field badgeCode added");
      assertThat(b.find("#fields [data-field=badgeCode]").getText()).contains("Badge code", "internal", "sales");

      // it is on the contact form at once, validated
      b.open("/o/contacts/new");
      b.type("#f\\.firstName", "Peter");
      b.type("#f\\.lastName", "Gibbons");
      b.type("#f\\.badgeCode", "nope");
      submit(b, "#save-record");
      assertThat(b.find("[data-error-for=badgeCode]").getText()).contains("Like ABC-1234");
      b.type("#f\\.badgeCode", "TPS-0042");
      submit(b, "#save-record");
      assertThat(b.find("[data-field=badgeCode]").getText().strip()).isEqualTo("TPS-0042");
      assertThat(b.find("#held-for").getText()).contains("Sales");

      // a newsletter contact: the form shows only what newsletter needs, and the server refuses the rest
      b.open("/o/contacts/new");
      b.click("#purpose-sales");
      b.click("#purpose-newsletter");
      b.type("#consent-newsletter", "Yes, send me the monthly newsletter");
      submit(b, "#apply-purposes");
      assertThat(b.driver().findElements(By.id("f.phone"))).isEmpty();
      assertThat(b.driver().findElements(By.id("f.email"))).hasSize(1);
      b.type("#f\\.firstName", "Joanna");
      b.type("#f\\.lastName", "Newsletter");
      b.type("#f\\.email", "joanna@chotchkies.example.test");
      submit(b, "#save-record");
      assertThat(b.find("#held-for").getText()).contains("Newsletter · consent");
      String joanna = b.path();
      b.open("/o/contacts/new");
      b.type("#f\\.firstName", "Samir");
      b.type("#f\\.lastName", "Both");
      b.type("#f\\.phone", "+1 555 0100");
      b.click("#purpose-sales");
      b.click("#purpose-newsletter");
      b.type("#consent-newsletter", "Yes, send me the monthly newsletter");
      submit(b, "#save-record");
      assertThat(b.find("[data-error-for=phone]").getText().strip()).isEqualTo("Phone is not collected for newsletter contacts.");

      // removing a purpose asks whether to erase what it no longer justifies
      b.open("/o/contacts/new");
      b.type("#f\\.firstName", "Milton");
      b.type("#f\\.lastName", "Waddams");
      b.type("#f\\.phone", "+1 555 0199");
      b.type("#f\\.email", "milton@initech.example.test");
      b.click("#purpose-newsletter");
      b.type("#consent-newsletter", "Newsletter please");
      submit(b, "#save-record");
      String milton = b.path();
      submit(b, "#edit-record");
      b.click("#purpose-sales");
      submit(b, "#save-record");
      assertThat(b.find("#confirm-erase").getText()).contains("Removing sales leaves Phone");
      submit(b, "#erase-unjustified");
      assertThat(b.path()).isEqualTo(milton);
      assertThat(b.find("#held-for").getText()).contains("Newsletter").doesNotContain("Sales");
      assertThat(b.find("[data-field=phone]").getText().strip()).isEqualTo("—");

      // a custom object with a relation, in the navigation and with its own pages
      b.open("/admin/schema");
      b.type("#apiName", "project");
      b.type("#label", "Project");
      b.type("#pluralLabel", "Projects");
      submit(b, "#create-object");
      assertThat(b.find("#object-title").getText()).isEqualTo("Project");
      submit(b, "#add-field");
      b.type("#label", "Client");
      b.type("#apiName", "client");
      new Select(b.find("#type")).selectByValue("relation");
      new Select(b.find("#classification")).selectByValue("internal");
      new Select(b.find("#relationTarget")).selectByValue("contact");
      submit(b, "#save-field");
      assertThat(b.find("#fields [data-field=client]").getText()).contains("relation → contact");
      submit(b, "header nav a[href='/o/project']");
      b.open("/o/project/new");
      b.type("#f\\.name", "TPS rollout");
      new Select(b.find("#f\\.client")).selectByVisibleText("Peter Gibbons");
      submit(b, "#save-record");
      assertThat(b.find("#record-title").getText()).isEqualTo("TPS rollout");
      assertThat(b.find("[data-field=client]").getText().strip()).isEqualTo("Peter Gibbons");

      // retire the badge field and erase its values
      b.open("/admin/schema/contact/fields/badgeCode/retire");
      assertThat(b.find("#retire-holds").getText()).startsWith("1 ");
      b.click("#values-erase");
      submit(b, "#confirm-retire");
      assertThat(b.text()).contains("Field badgeCode retired");
      assertThat(jobs.awaitIdle(Duration.ofSeconds(20))).isTrue();

      // the inventory
      b.open("/admin/inventory");
      assertThat(b.find("[data-field='contact.badgeCode'] [data-filled]").getText()).startsWith("0");
      assertThat(b.find("[data-field='contact.phone'] [data-filled]").getText()).startsWith("0");
      assertThat(b.find("[data-field='contact.email'] [data-filled]").getText()).startsWith("2");
      assertThat(b.find("[data-field='contact.phone']").getText()).contains("sales", "support", "billing");
      assertThat(b.driver().findElements(By.cssSelector("svg.trend polyline"))).isNotEmpty();
      assertThat(joanna).startsWith("/o/contacts/");

      // import: a dry run lists the change, apply makes it
      String yaml = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript(
          "const done = arguments[0]; fetch('/admin/schema/export').then(r => r.text()).then(done);");
      assertThat(yaml).contains("apiName: project");
      String changed = yaml.replace("label: Projects", "label: Engagements").replace("pluralLabel: Projects", "pluralLabel: Engagements");
      b.open("/admin/schema/import");
      ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("document.getElementById('yaml').value = arguments[0];", changed);
      submit(b, "#dry-run");
      assertThat(b.find("#import-changes").getText()).contains("change-object", "project", "Projects → Engagements");
      submit(b, "#apply-import");
      assertThat(b.text()).contains("changes applied");
      b.open("/o/project");
      assertThat(b.text()).contains("Engagements");
    }
  }
}
