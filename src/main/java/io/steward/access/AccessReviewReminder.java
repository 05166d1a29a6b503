package io.steward.access;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds the people who manage users, on a schedule (weekly by default), of what the access review has found:
 * unused grants, dormant accounts and vendor access ending within a week.
 */
@Component
class AccessReviewReminder {

  private static final Logger log = LoggerFactory.getLogger(AccessReviewReminder.class);
  private final AccessReview review;
  private final Notifications notifications;
  private final AccessPolicy policy;
  private final int unusedDays;

  AccessReviewReminder(AccessReview review, Notifications notifications, AccessPolicy policy,
      @Value("${steward.access.unused-grant-days:30}") int unusedDays) {
    this.review = review;
    this.notifications = notifications;
    this.policy = policy;
    this.unusedDays = unusedDays;
  }

  @Scheduled(cron = "${steward.access.review-reminder-cron:0 0 8 * * MON}", zone = "UTC")
  public void remind() {
    AccessReview.Report report = review.report(unusedDays);
    int findings = report.unusedGrants().size() + report.dormantAccounts().size() + report.vendorGrantsExpiringSoon().size();
    if (findings == 0) {
      return;
    }
    String message = "Access review: " + report.unusedGrants().size() + " grants unused for " + unusedDays + " days, "
        + report.dormantAccounts().size() + " dormant accounts, " + report.vendorGrantsExpiringSoon().size() + " vendor grants ending within 7 days.";
    List<AccessReview.UserLine> reviewers = report.users().stream().filter(AccessReview.UserLine::enabled)
        .filter(u -> review.principalOf(u.userId()).map(p -> policy.mayAdmin(p, AdminPermission.MANAGE_USERS)).orElse(false))
        .toList();
    reviewers.forEach(u -> notifications.notify(u.userId(), "access-review", message, "/admin/access-review"));
    log.info("Access review reminder sent to {} reviewers ({} findings)", reviewers.size(), findings);
  }
}
