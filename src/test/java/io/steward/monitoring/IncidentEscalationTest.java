package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.AccessReview;
import io.steward.access.Notifications;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.StoredAuditEvent;
import io.steward.monitoring.respond.IncidentEscalation;
import io.steward.testsupport.Eventually;
import io.steward.testsupport.SignInTestBase;
import io.steward.testsupport.TestSmtp;
import io.steward.testsupport.TestSmtp.Received;
import io.steward.testsupport.TestWebhook;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An incident nobody acknowledges within 30 minutes is told once more — in-app and by email — and the escalation is
 * audited and shown (incident page and API); it happens once per incident, and never for one somebody acknowledged.
 */
class IncidentEscalationTest extends SignInTestBase {

  static TestSmtp smtp;
  static TestWebhook webhook;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp = TestSmtp.start();
    smtp.register(registry, "steward@example.test");
    webhook = TestWebhook.start();
    webhook.register(registry);
    registry.add("steward.mail.security-recipients", () -> "security@example.test");
    registry.add("steward.monitoring.rules.enumeration.threshold", () -> "10");
  }

  @AfterAll
  static void stopSmtp() {
    smtp.close();
    webhook.close();
  }

  @Autowired IncidentEscalation escalation;
  @Autowired Incidents incidents;
  @Autowired AccessReview review;
  @Autowired Notifications notifications;
  @Autowired AuditQueries audit;

  @Test
  void anIncidentNobodyAcknowledgesIsToldOnceMoreAfterThirtyMinutes() {
    TestUser admin = users.withRole("admin");
    Incident incident = openIncident(admin);

    clock.advance(Duration.ofMinutes(29));
    escalation.escalate();
    assertThat(escalations(incident)).as("not yet: 29 minutes").isEmpty();

    clock.advance(Duration.ofMinutes(2));
    escalation.escalate();

    assertThat(escalations(incident)).singleElement().satisfies(e -> assertThat(e.event().details()).containsEntry("unacknowledged", "30 minutes"));
    Received mail = smtp.await(r -> r.subject().contains("still unacknowledged") && r.body().contains(incident.id().toString()), 10_000);
    assertThat(mail.to()).containsExactly("security@example.test");
    assertThat(mail.subject()).isEqualTo("Steward security incident still unacknowledged after 30 minutes: Enumeration");
    assertThat(mail.body()).startsWith("This incident has been open for 30 minutes and nobody has acknowledged it yet.");
    Eventually.until(() -> notifications.recent(admin.id()).stream()
            .anyMatch(n -> n.message().startsWith("Still unacknowledged after 30 minutes") && n.link().endsWith(incident.id().toString())),
        Duration.ofSeconds(10), "no in-app reminder");
    Incident escalated = incidents.open(review.principalOf(admin.id()).orElseThrow()).stream().filter(i -> i.id().equals(incident.id()))
        .findFirst().orElseThrow();
    assertThat(escalated.escalatedAt()).as("the escalation's time is kept").isNotNull();
    String api = http.exchange(url("/api/v1/security/incidents"), HttpMethod.GET, new HttpEntity<>(admin.bearer()), String.class).getBody();
    assertThat(api).contains("\"escalatedAt\":\"" + escalated.escalatedAt() + "\"");
    String page = users.signedIn(url(""), admin).get("/admin/security/incidents/" + incident.id()).body();
    assertThat(page).contains("escalated " + escalated.escalatedAt() + ", when nobody had acknowledged it");
    TestWebhook.Delivery hook = webhook.await(d -> "incident.escalated".equals(d.event()) && d.body().contains(incident.id().toString()), 10_000);
    assertThat(hook.signatureValid()).isTrue();
    assertThat(hook.body()).contains("\"type\":\"incident.escalated\"").contains("\"status\":\"open\"")
        .contains("\"escalatedAt\":\"" + escalated.escalatedAt() + "\"");

    clock.advance(Duration.ofMinutes(30));
    escalation.escalate();
    assertThat(escalations(incident)).as("once per incident").hasSize(1);
  }

  @Test
  void anAcknowledgedIncidentIsNotEscalated() {
    TestUser admin = users.withRole("admin");
    Incident incident = openIncident(admin);
    assertThat(incidents.acknowledge(review.principalOf(admin.id()).orElseThrow(), incident.id(), "Looking into it")).isTrue();

    clock.advance(Duration.ofMinutes(45));
    escalation.escalate();

    assertThat(escalations(incident)).isEmpty();
  }

  /** A support account walks unknown contact ids until the enumeration rule suspends it. */
  private Incident openIncident(TestUser admin) {
    TestUser reader = users.withRole("support");
    int status = walkUnknownContacts(reader, 20);
    assertThat(status).as("walking unknown ids got the account suspended").isEqualTo(401);
    return incidents.open(review.principalOf(admin.id()).orElseThrow()).stream()
        .filter(i -> reader.id().equals(i.userId()) && i.rule() == Rule.ENUMERATION).findFirst().orElseThrow();
  }

  private List<StoredAuditEvent> escalations(Incident incident) {
    return audit.find(AuditFilter.all().actions(AuditActions.INCIDENT).record(incident.id().toString()), 0, 100).items().stream()
        .filter(e -> "escalated".equals(e.event().details().get("change"))).toList();
  }
}
