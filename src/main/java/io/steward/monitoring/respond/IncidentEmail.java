package io.steward.monitoring.respond;

import io.steward.access.Mailer;
import io.steward.monitoring.Incident;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The email about a new incident, and about one nobody acknowledged in time. It is built from the incident's structured fields only — rule, response, the
 * staff account, the count of records read, ids and times — not from its summary, so no address, no record and no
 * value of a record can reach a mailbox; the incident page (behind sign-in) has the rest.
 */
final class IncidentEmail {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private IncidentEmail() {}

  static final String OPENED = "A monitoring rule fired in Steward and opened an incident.";

  static String subject(Incident i) {
    return "Steward security incident: " + i.rule().label() + " (" + i.response().label().toLowerCase() + ")";
  }

  static String escalationSubject(Incident i, Duration after) {
    return "Steward security incident still unacknowledged after " + minutes(after) + ": " + i.rule().label();
  }

  static String escalated(Duration after) {
    return "This incident has been open for " + minutes(after) + " and nobody has acknowledged it yet.";
  }

  static String minutes(Duration d) {
    long m = Math.max(1, d.toMinutes());
    return m + (m == 1 ? " minute" : " minutes");
  }

  /**
   * {@code opening} is the first sentence ({@link #OPENED} or {@link #escalated}); {@code account} is "Name <email>" of the
   * staff account, or null when the rule is about a network address.
   */
  static String body(Incident i, String opening, String account, Mailer mailer) {
    return opening + "\n\n"
        + "Rule:      " + i.rule().label() + " — " + i.rule().description() + "\n"
        + "Response:  " + i.response().label() + (i.contained() == null ? "" : " (in effect since " + TIME.format(i.contained()) + ")") + "\n"
        + "Account:   " + (account == null ? "none: a sign-in rule about a network address (see the incident page)" : account) + "\n"
        + "Records with personal data read: " + i.records() + "\n"
        + "Opened:    " + TIME.format(i.openedAt()) + "\n"
        + "Incident:  " + i.id() + "\n\n"
        + "Open the incident and its timeline:\n" + mailer.link("/admin/security/incidents/" + i.id()) + "\n\n"
        + "This email names no customer data. Acknowledge and resolve the incident in Steward.\n";
  }
}
