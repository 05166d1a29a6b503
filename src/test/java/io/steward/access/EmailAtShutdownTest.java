package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.audit.AuditActions;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.StoredAuditEvent;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.SecondNode;
import io.steward.testsupport.TestSmtp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node that stops while incident emails wait for an SMTP server that does not answer: it gives them a few seconds,
 * then records each one it gives up in the audit trail (the audit writer stops after the mailer), so the trail shows
 * which notices went out in-app only.
 */
class EmailAtShutdownTest extends AppTestBase {

  @DynamicPropertySource
  static void pg(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }

  @Autowired Environment env;
  @Autowired DataSource dataSource;
  @Autowired AuditQueries audit;

  @Test
  void emailsStillQueuedWhenANodeStopsAreAuditedAsNotSent() {
    String inFlight = "incident-" + UUID.randomUUID();
    String queued = "incident-" + UUID.randomUUID();
    try (TestSmtp.Silent smtp = TestSmtp.silent()) {
      SecondNode node = SecondNode.start(dataSource, env, "--steward.mail.host=127.0.0.1", "--steward.mail.port=" + smtp.port(),
          "--steward.mail.security=none", "--steward.mail.from=steward@example.test", "--steward.mail.timeout=20s");
      Mailer mailer = node.bean(Mailer.class);
      assertThat(mailer.send(email(inFlight))).isTrue();
      assertThat(mailer.send(email(queued))).isTrue();

      long t0 = System.nanoTime();
      node.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the grace period is short").isLessThan(Duration.ofSeconds(20));
    }

    List<StoredAuditEvent> notSent = audit.find(AuditFilter.all().actions(AuditActions.NOTIFICATION_SENT).record(queued), 0, 10).items();
    assertThat(notSent).singleElement().satisfies(e -> {
      assertThat(e.event().outcome()).isEqualTo("failure");
      assertThat(e.event().details()).containsEntry("problem", "shutdown");
    });
  }

  private static Mailer.Email email(String id) {
    return new Mailer.Email(List.of("security@example.test"), "Incident", "An incident was opened.", "security", "incident", List.of(id));
  }
}
