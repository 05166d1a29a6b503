package io.steward.audit;

import java.util.Objects;

/**
 * An event as the trail holds it: its position in the chain and the hashes that link it there.
 *
 * @param seq      position in the chain, from 1, without gaps
 * @param event    what happened
 * @param prevHash hex SHA-256 of the event before (64 zeros for the first)
 * @param hash     hex SHA-256 over this event's canonical encoding, including seq and prevHash
 */
public record StoredAuditEvent(long seq, AuditEvent event, String prevHash, String hash) {

  public StoredAuditEvent {
    Objects.requireNonNull(event, "event");
  }
}
