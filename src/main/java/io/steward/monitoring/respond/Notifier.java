package io.steward.monitoring.respond;

import io.steward.access.AccessPolicy;
import io.steward.access.AccessReview;
import io.steward.access.Accounts;
import io.steward.access.AdminPermission;
import io.steward.access.Notifications;
import io.steward.monitoring.Incident;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Tells people about a new incident, off the request path: an in-app notice to everyone who may manage
 * security, and the webhook where one is configured. Email is not sent: Steward has no SMTP support yet.
 */
@Component
public class Notifier implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final Accounts accounts;
  private final AccessReview review;
  private final AccessPolicy policy;
  private final Notifications notifications;
  private final WebhookSender webhook;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "monitor-notifier");
    t.setDaemon(true);
    return t;
  });

  Notifier(Accounts accounts, AccessReview review, AccessPolicy policy, Notifications notifications, WebhookSender webhook) {
    this.accounts = accounts;
    this.review = review;
    this.policy = policy;
    this.notifications = notifications;
    this.webhook = webhook;
  }

  public void opened(Incident incident) {
    worker.execute(() -> {
      try {
        for (Accounts.UserSummary u : accounts.all()) {
          if (u.enabled() && review.principalOf(u.id()).filter(p -> policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)).isPresent()) {
            notify(u.id(), incident);
          }
        }
      } catch (RuntimeException e) {
        log.warn("In-app notices for incident {} failed: {}", incident.id(), e.toString());
      }
      webhook.send("incident.opened", incident);
    });
  }

  private void notify(UUID admin, Incident incident) {
    notifications.notify(admin, "security", "Security incident: " + incident.rule().label() + " — " + incident.summary() + " Response: "
        + incident.response().label() + ".", "/admin/security/incidents/" + incident.id());
  }

  @Override
  public void destroy() {
    worker.shutdown();
  }
}
