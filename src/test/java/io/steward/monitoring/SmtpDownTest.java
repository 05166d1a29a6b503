package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.AccessReview;
import io.steward.access.Mailer;
import io.steward.access.Notifications;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.Eventually;
import io.steward.testsupport.TestSmtp;
import io.steward.testsupport.TestUsers.TestUser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMTP is configured but the server accepts connections and never answers (each attempt waits 20 s for it): the
 * requests that open incidents are answered at once, and the in-app notices of two incidents in a row arrive
 * without waiting for the email of the first.
 */
class SmtpDownTest extends AppTestBase {

  static TestSmtp.Silent silent;

  @DynamicPropertySource
  static void hangingSmtp(DynamicPropertyRegistry registry) {
    silent = TestSmtp.silent();
    registry.add("steward.mail.host", () -> "127.0.0.1");
    registry.add("steward.mail.port", silent::port);
    registry.add("steward.mail.security", () -> "none");
    registry.add("steward.mail.from", () -> "steward@example.test");
    registry.add("steward.mail.security-recipients", () -> "security@example.test");
    registry.add("steward.mail.timeout", () -> "20s");
    registry.add("steward.monitoring.rules.enumeration.threshold", () -> "10");
  }

  @AfterAll
  static void stopSmtp() {
    silent.close();
  }

  @Autowired Mailer mailer;
  @Autowired Incidents incidents;
  @Autowired AccessReview review;
  @Autowired Notifications notifications;

  @Test
  void anSmtpServerThatHangsNeitherSlowsNorFailsTheRequestsThatOpenIncidents() {
    TestUser admin = users.withRole("admin");
    for (int victim = 0; victim < 2; victim++) {
      TestUser reader = users.withRole("support");
      int status = 0;
      Duration slowest = Duration.ZERO;
      for (int i = 0; i < 20 && status != 401; i++) {
        long t0 = System.nanoTime();
        status = http.exchange(url("/api/v1/contacts/" + UUID.randomUUID()), HttpMethod.GET, new HttpEntity<>(reader.bearer()), String.class)
            .getStatusCode().value();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        slowest = took.compareTo(slowest) > 0 ? took : slowest;
      }
      assertThat(status).as("the crossing request is answered, with the containment").isEqualTo(401);
      assertThat(slowest).as("no request waits for the SMTP server (20 s per attempt)").isLessThan(Duration.ofSeconds(5));
      Incident incident = incidents.open(review.principalOf(admin.id()).orElseThrow()).stream().filter(i -> reader.id().equals(i.userId()))
          .findFirst().orElseThrow();
      awaitNotice(admin, "/admin/security/incidents/" + incident.id());
    }
    Eventually.until(() -> silent.connections() > 0, Duration.ofSeconds(5), "the email was not even attempted");
    assertThat(mailer.status().queued()).as("both incident emails wait in the outbox").isEqualTo(2);
    assertThat(mailer.status().sent()).isZero();

    String body = http.exchange(url("/api/v1/security/monitor"), HttpMethod.GET, new HttpEntity<>(admin.bearer()), String.class).getBody();
    JsonNode email = JsonMapper.builder().build().readTree(body).path("email");
    assertThat(email.path("configured").asBoolean()).as(body).isTrue();
    assertThat(email.path("queued").asInt()).as("the monitor API shows the emails stuck in the outbox").isEqualTo(2);
    assertThat(email.path("sent").asLong()).isZero();
    assertThat(body).as("neither the SMTP server nor a sender address is shown").doesNotContain("127.0.0.1").doesNotContain("example.test");
  }

  /** Five seconds: far less than one attempt on the hanging server (20 s), so a notice that waited for an email would miss it. */
  private void awaitNotice(TestUser admin, String link) {
    Eventually.until(() -> notifications.recent(admin.id()).stream().anyMatch(n -> link.equals(n.link())), Duration.ofSeconds(5),
        "no in-app notice for " + link);
  }
}
