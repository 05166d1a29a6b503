package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.StoredAuditEvent;
import io.steward.monitoring.Incident;
import io.steward.monitoring.Incidents;
import io.steward.monitoring.Rule;
import io.steward.records.RecordService;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.Eventually;
import io.steward.testsupport.TestSmtp;
import io.steward.testsupport.TestSmtp.Received;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With SMTP configured (a GreenMail server in this JVM, signed in with a password read from a file): the access
 * review reminder and a new incident arrive by email, with counts, ids and links but no value of any record, and
 * the settings pages say email is on without showing the password.
 */
class EmailNotificationsTest extends AppTestBase {

  static final String SMTP_PASSWORD = "smtp-password-from-a-file";
  static final String FROM = "steward@example.test";
  static final String BASE = "https://steward.example.test";
  static TestSmtp smtp;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) throws Exception {
    smtp = TestSmtp.start().withAccount(FROM, "steward-smtp", SMTP_PASSWORD);
    smtp.register(registry, FROM);
    Path passwordFile = Files.createTempFile("steward-smtp", ".txt");
    Files.writeString(passwordFile, SMTP_PASSWORD + "\n");
    registry.add("steward.mail.username", () -> "steward-smtp");
    registry.add("steward.mail.password-file", passwordFile::toString);
    registry.add("steward.mail.security-recipients", () -> "security@example.test, soc@example.test");
    registry.add("steward.base-url", () -> BASE);
    // 6 'not found' answers in 5 minutes open an enumeration incident (half the threshold)
    registry.add("steward.monitoring.rules.enumeration.threshold", () -> "10");
  }

  @AfterAll
  static void stopSmtp() {
    smtp.close();
  }

  @Autowired AccessReviewReminder reminder;
  @Autowired Accounts accounts;
  @Autowired Notifications notifications;
  @Autowired AccessReview review;
  @Autowired RecordService records;
  @Autowired Incidents incidents;
  @Autowired AuditQueries audit;
  @Autowired Clock clock;

  private void customerRecord() {
    records.create(Principal.system(), "contacts",
        Map.of("firstName", "Philippa", "lastName", "Quarrington", "email", "philippa.quarrington@example.test"));
  }

  private static void noRecordValues(String text) {
    assertThat(text).doesNotContain("Philippa").doesNotContain("Quarrington").doesNotContain("philippa.quarrington");
  }

  @Test
  void aSponsorWhoDoesNotManageUsersHearsThatTheVendorAccessTheySponsorEndsSoon() {
    TestUser sponsor = users.withRole("sales");
    String vendorEmail = "sponsored" + System.nanoTime() + "@vendor.example.test";
    UUID vendor = accounts.createUser(Principal.system(),
        new Accounts.NewUser(vendorEmail, "Sponsored Vendor", TestUsers.PASSWORD, UserKind.VENDOR, "main", sponsor.id()));
    accounts.grant(Principal.system(), vendor, "vendor", clock.instant().plus(Duration.ofDays(2)), null, null, "test");

    reminder.remind();

    Received mail = smtp.await(r -> r.to().contains(sponsor.email()), 10_000);
    assertThat(mail.subject()).isEqualTo("Steward: access you sponsor ends soon");
    assertThat(mail.body()).contains(vendorEmail).contains("role vendor").contains(BASE + "/admin/access-review");
    assertThat(notifications.recent(sponsor.id())).anySatisfy(n -> assertThat(n.message()).contains("you sponsor end within 7 days"));
  }

  @Test
  void accessReviewReminderIsEmailedToEachReviewerWithCountsAndALinkButNoRecordValues() {
    customerRecord();
    TestUser vendor = users.vendorUntil(clock.instant().plus(Duration.ofDays(3)));
    TestUser admin = users.withRole("admin");
    TestUser support = users.withRole("support");

    reminder.remind();

    Received mail = smtp.await(r -> r.to().contains(admin.email()) && r.subject().startsWith("Steward access review"), 10_000);
    assertThat(mail.to()).containsExactly(admin.email());
    assertThat(mail.from()).isEqualTo(FROM);
    assertThat(mail.subject()).matches("Steward access review: \\d+ findings?"); // other tests of this class add vendors too
    assertThat(mail.body()).containsPattern("[1-9]\\d* vendor or contractor grants ending within 7 days").contains(BASE + "/admin/access-review");
    noRecordValues(mail.subject() + mail.body());
    assertThat(mail.body()).doesNotContain(vendor.email());
    assertThat(notifications.recent(admin.id())).as("still in-app").anySatisfy(n -> {
      assertThat(n.kind()).isEqualTo("access-review");
      assertThat(n.link()).isEqualTo("/admin/access-review");
    });
    assertThat(smtp.received()).as("no reminder to someone who does not manage users").noneMatch(r -> r.to().contains(support.email()));

    StoredAuditEvent sent = awaitAudit(admin.id().toString());
    assertThat(sent.event().outcome()).isEqualTo("success");
    assertThat(sent.event().objectType()).isEqualTo("user");
    assertThat(sent.event().details()).containsEntry("kind", "access-review").containsEntry("recipients", "1");
    assertThat(sent.event().toString()).doesNotContain(admin.email()).doesNotContain("Steward access review").doesNotContain("vendor or contractor");
  }

  @Test
  void aNewIncidentIsEmailedToTheSecurityRecipientsWithItsIdAndALinkButNoRecordValues() {
    customerRecord();
    TestUser admin = users.withRole("admin");
    TestUser reader = users.withRole("support");
    String contacts = http.exchange(url("/api/v1/contacts?q=Quarrington"), HttpMethod.GET, new HttpEntity<>(reader.bearer()), String.class).getBody();
    assertThat(contacts).as("the account has read the record").contains("Philippa");

    int status = walkUnknownContacts(reader, 20);
    assertThat(status).as("walking unknown ids got the account suspended").isEqualTo(401);

    Incident incident = incidents.open(review.principalOf(admin.id()).orElseThrow()).stream()
        .filter(i -> reader.id().equals(i.userId()) && i.rule() == Rule.ENUMERATION).findFirst().orElseThrow();
    Received mail = smtp.await(r -> r.body().contains(incident.id().toString()), 10_000);
    assertThat(mail.to()).containsExactlyInAnyOrder("security@example.test", "soc@example.test");
    assertThat(mail.subject()).isEqualTo("Steward security incident: Enumeration (suspend until reviewed)");
    assertThat(mail.body()).contains(BASE + "/admin/security/incidents/" + incident.id()).contains(reader.email())
        .contains("Suspend until reviewed");
    noRecordValues(mail.subject() + mail.body());
    assertThat(notifications.recent(admin.id())).as("still in-app")
        .anySatisfy(n -> assertThat(n.link()).isEqualTo("/admin/security/incidents/" + incident.id()));

    StoredAuditEvent sent = awaitAudit(incident.id().toString());
    assertThat(sent.event().objectType()).isEqualTo("incident");
    assertThat(sent.event().details()).containsEntry("kind", "security").containsEntry("recipients", "2");
  }

  @Test
  void theSettingsPagesSayEmailIsOnWithoutShowingThePassword() {
    TestUser admin = users.withRole("admin");
    WebSession web = users.signedIn(url(""), admin);

    WebSession.Page security = web.get("/admin/security");
    assertThat(security.status()).isEqualTo(200);
    assertThat(security.body()).contains("configured: 127.0.0.1:" + smtp.port()).contains("steward-smtp, password set")
        .contains("security@example.test, soc@example.test").doesNotContain(SMTP_PASSWORD);

    WebSession.Page accessReview = web.get("/admin/access-review");
    assertThat(accessReview.body()).contains("in-app and by email").doesNotContain(SMTP_PASSWORD);
  }

  private StoredAuditEvent awaitAudit(String recordId) {
    return Eventually.await(() -> audit.find(AuditFilter.all().actions(AuditActions.NOTIFICATION_SENT).record(recordId), 0, 1).items().stream()
        .findFirst(), Duration.ofSeconds(10), () -> "no notification.sent event for " + recordId);
  }
}
