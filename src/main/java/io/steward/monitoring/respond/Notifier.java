package io.steward.monitoring.respond;

import io.steward.access.AccessPolicy;
import io.steward.access.AccessReview;
import io.steward.access.Accounts;
import io.steward.access.AdminPermission;
import io.steward.access.Mailer;
import io.steward.access.Notifications;
import io.steward.monitoring.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Tells people about a new incident, and once more about one nobody acknowledged in time, off the request path:
 * an in-app notice to everyone who may manage security, an email to the security recipients where SMTP is configured
 * (queued, never waited for), and the webhook where one is configured. The in-app notices are stored first, so neither email nor webhook can lose them.
 */
@Component
public class Notifier implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final Accounts accounts;
  private final AccessReview review;
  private final AccessPolicy policy;
  private final Notifications notifications;
  private final WebhookSender webhook;
  private final Mailer mailer;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "monitor-notifier");
    t.setDaemon(true);
    return t;
  });

  Notifier(Accounts accounts, AccessReview review, AccessPolicy policy, Notifications notifications, WebhookSender webhook, Mailer mailer) {
    this.accounts = accounts;
    this.review = review;
    this.policy = policy;
    this.notifications = notifications;
    this.webhook = webhook;
    this.mailer = mailer;
  }

  public void opened(Incident incident) {
    tell(incident, "Security incident: ", IncidentEmail.subject(incident), IncidentEmail.OPENED, "incident.opened");
  }

  /** The incident has been open, unacknowledged, for {@code after}: the same people are told once more. */
  public void escalated(Incident incident, Duration after) {
    String prefix = "Still unacknowledged after " + IncidentEmail.minutes(after) + " — security incident: ";
    tell(incident, prefix, IncidentEmail.escalationSubject(incident, after), IncidentEmail.escalated(after), "incident.escalated");
  }

  private void tell(Incident incident, String noticePrefix, String subject, String opening, String webhookEvent) {
    worker.execute(() -> {
      List<String> securityAdmins = new ArrayList<>();
      try {
        for (Accounts.UserSummary u : accounts.all()) {
          if (u.enabled() && review.principalOf(u.id()).filter(p -> policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)).isPresent()) {
            notify(u.id(), noticePrefix, incident);
            securityAdmins.add(u.email());
          }
        }
      } catch (RuntimeException e) {
        log.warn("In-app notices for incident {} failed: {}", incident.id(), e.toString());
      }
      email(incident, mailer.securityRecipients().isEmpty() ? securityAdmins : mailer.securityRecipients(), subject, opening);
      webhook.send(webhookEvent, incident);
    });
  }

  private void notify(UUID admin, String prefix, Incident incident) {
    notifications.notify(admin, "security", prefix + incident.rule().label() + " — " + incident.summary() + " Response: "
        + incident.response().label() + ".", "/admin/security/incidents/" + incident.id());
  }

  /** Queued, so an SMTP server that hangs delays neither the webhook nor the next incident's notices. */
  private void email(Incident incident, List<String> to, String subject, String opening) {
    if (!mailer.configured()) {
      return;
    }
    try {
      mailer.send(new Mailer.Email(to, subject, IncidentEmail.body(incident, opening, account(incident), mailer), "security",
          "incident", List.of(incident.id().toString())));
    } catch (RuntimeException e) {
      log.warn("Email for incident {} not queued: {}", incident.id(), e.getClass().getSimpleName());
    }
  }

  /** The staff account the incident is about, as "Display Name <email>"; null for a sign-in rule about an address. */
  private String account(Incident incident) {
    if (incident.userId() == null) {
      return null;
    }
    return accounts.find(incident.userId()).map(u -> (u.displayName() == null ? "" : u.displayName() + " ") + "<" + u.email() + ">")
        .orElse(incident.userId().toString());
  }

  @Override
  public void destroy() {
    worker.shutdown();
  }
}
