package io.steward.access;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds the people who manage users, on a schedule (weekly by default), of what the access review has found:
 * unused grants, dormant accounts and vendor access ending within a week. Always in-app; by email too where SMTP
 * is configured (counts and a link only: who holds what is on the page, behind sign-in).
 */
@Component
class AccessReviewReminder {

  static final String PATH = "/admin/access-review";
  private static final Logger log = LoggerFactory.getLogger(AccessReviewReminder.class);
  private final AccessReview review;
  private final Notifications notifications;
  private final Mailer mailer;
  private final AccessPolicy policy;
  private final int unusedDays;

  AccessReviewReminder(AccessReview review, Notifications notifications, Mailer mailer, AccessPolicy policy,
      @Value("${steward.access.unused-grant-days:30}") int unusedDays) {
    this.review = review;
    this.notifications = notifications;
    this.mailer = mailer;
    this.policy = policy;
    this.unusedDays = unusedDays;
  }

  @Scheduled(cron = "${steward.access.review-reminder-cron:0 0 8 * * MON}", zone = "UTC")
  public void remind() {
    AccessReview.Report report = review.report(unusedDays);
    int unused = report.unusedGrants().size();
    int dormant = report.dormantAccounts().size();
    int ending = report.vendorGrantsExpiringSoon().size();
    int findings = unused + dormant + ending;
    if (findings == 0) {
      return;
    }
    String message = "Access review: " + unused + " grants unused for " + unusedDays + " days, " + dormant + " dormant accounts, " + ending
        + " vendor grants ending within 7 days.";
    List<AccessReview.UserLine> reviewers = report.users().stream().filter(AccessReview.UserLine::enabled)
        .filter(u -> review.principalOf(u.userId()).map(p -> policy.mayAdmin(p, AdminPermission.MANAGE_USERS)).orElse(false))
        .toList();
    String subject = "Steward access review: " + findings + (findings == 1 ? " finding" : " findings");
    String body = "The access review has found:\n\n"
        + "  - " + unused + " grants unused for " + unusedDays + " days\n"
        + "  - " + dormant + " dormant accounts\n"
        + "  - " + ending + " vendor or contractor grants ending within 7 days\n\n"
        + "Review them (each with a one-click revoke or disable):\n" + mailer.link(PATH) + "\n\n"
        + "You receive this because you may manage users in Steward. This email names no customer data.\n";
    int emailed = 0;
    for (AccessReview.UserLine u : reviewers) {
      notifications.notify(u.userId(), "access-review", message, PATH);
      if (mailer.send(new Mailer.Email(List.of(u.email()), subject, body, "access-review", "user", List.of(u.userId().toString())))) {
        emailed++;
      }
    }
    log.info("Access review reminder sent to {} reviewers ({} findings, {} by email)", reviewers.size(), findings, emailed);
    remindSponsors(report);
  }

  /**
   * Each sponsor hears of the vendor and contractor access they sponsor that ends within a week, whether or not they
   * manage users: they know whether the work goes on, and can ask an administrator to extend it.
   */
  private void remindSponsors(AccessReview.Report report) {
    Map<UUID, AccessReview.UserLine> users = new HashMap<>();
    report.users().forEach(u -> users.put(u.userId(), u));
    Map<UUID, List<AccessReview.GrantLine>> bySponsor = new LinkedHashMap<>();
    for (AccessReview.GrantLine g : report.vendorGrantsExpiringSoon()) {
      AccessReview.UserLine sponsor = g.sponsorId() == null ? null : users.get(g.sponsorId());
      if (sponsor != null && sponsor.enabled()) {
        bySponsor.computeIfAbsent(sponsor.userId(), k -> new ArrayList<>()).add(g);
      }
    }
    bySponsor.forEach((sponsorId, grants) -> {
      AccessReview.UserLine sponsor = users.get(sponsorId);
      StringBuilder lines = new StringBuilder();
      for (AccessReview.GrantLine g : grants) {
        lines.append("  - ").append(g.displayName()).append(" <").append(g.email()).append(">, role ").append(g.role()).append(", ends ")
            .append(DAY.format(g.expiresAt())).append('\n');
      }
      String message = grants.size() + " vendor or contractor grant(s) you sponsor end within 7 days.";
      notifications.notify(sponsorId, "access-review", message, PATH);
      String body = "Access you sponsor ends within 7 days:\n\n" + lines
          + "\nIf the work goes on, ask an administrator to extend it; otherwise it simply ends.\n" + mailer.link(PATH) + "\n\n"
          + "You receive this because you are the named internal sponsor of these accounts. This email names no customer data.\n";
      mailer.send(new Mailer.Email(List.of(sponsor.email()), "Steward: access you sponsor ends soon", body, "access-review", "user",
          List.of(sponsorId.toString())));
    });
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
}
