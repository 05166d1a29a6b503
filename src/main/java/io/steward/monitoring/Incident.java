package io.steward.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * A rule that fired, for one user (or, for sign-in rules, one address), with what the monitor did about it.
 * It names people by user id and records by count; the timeline ({@link Incidents#timeline}) names record ids
 * and field names, never values.
 *
 * @param records   records with personal data the user read from the first finding until containment or now
 * @param contained when the response took effect (null for an alert)
 * @param escalatedAt when it was told once more because nobody had acknowledged it (null if not)
 */
public record Incident(
    UUID id,
    Rule rule,
    Response response,
    UUID userId,
    String ip,
    String summary,
    IncidentStatus status,
    Instant openedAt,
    Instant lastSeenAt,
    long records,
    Instant contained,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String resolvedBy,
    Instant resolvedAt,
    Instant escalatedAt,
    String note) {

  /** The same incident as escalated at {@code at}. */
  public Incident escalated(Instant at) {
    return new Incident(id, rule, response, userId, ip, summary, status, openedAt, lastSeenAt, records, contained, acknowledgedBy, acknowledgedAt,
        resolvedBy, resolvedAt, at, note);
  }

  public boolean isOpen() {
    return status != IncidentStatus.RESOLVED;
  }
}
