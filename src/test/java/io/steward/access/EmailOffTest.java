package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.Eventually;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;

/** Without STEWARD_MAIL_HOST (the default), nothing is emailed and nothing else changes: reminders and incident notices stay in-app. */
class EmailOffTest extends AppTestBase {

  @Autowired Mailer mailer;
  @Autowired AccessReviewReminder reminder;
  @Autowired Notifications notifications;
  @Autowired AuditQueries audit;
  @Autowired Clock clock;

  @Test
  void withoutSmtpNothingIsSentAndRemindersAndIncidentNoticesStayInApp() {
    assertThat(mailer.configured()).isFalse();
    TestUser admin = users.withRole("admin");
    users.vendorUntil(clock.instant().plus(Duration.ofDays(2)));

    reminder.remind();
    assertThat(notifications.recent(admin.id())).anySatisfy(n -> assertThat(n.kind()).isEqualTo("access-review"));

    TestUser reader = users.withRole("support");
    int status = walkUnknownContacts(reader, 60);
    assertThat(status).as("the monitor still contains the account").isEqualTo(401);
    awaitNotice(admin, "security");

    assertThat(mailer.send(new Mailer.Email(List.of("someone@example.test"), "s", "b", "test", "user", List.of()))).isFalse();
    Mailer.Status s = mailer.status();
    assertThat(s.queued() + s.sent() + s.failed()).isZero();
    assertThat(audit.find(AuditFilter.all().actions(AuditActions.NOTIFICATION_SENT), 0, 1).items()).isEmpty();

    String monitor = http.exchange(url("/api/v1/security/monitor"), HttpMethod.GET, new HttpEntity<>(admin.bearer()), String.class).getBody();
    assertThat(monitor).as("the monitor API says incident email is off").contains("\"email\":{\"configured\":false");

    WebSession web = users.signedIn(url(""), admin);
    assertThat(web.get("/admin/security").body()).contains("not configured: notices stay in-app");
    assertThat(web.get("/admin/access-review").body()).contains("in-app (email is not configured");
  }

  private void awaitNotice(TestUser admin, String kind) {
    Eventually.until(() -> notifications.recent(admin.id()).stream().anyMatch(n -> n.kind().equals(kind)), Duration.ofSeconds(10),
        "no in-app '" + kind + "' notice");
  }
}
