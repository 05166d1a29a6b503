package io.steward.audit.chain;

import io.steward.audit.AuditEvent;
import io.steward.audit.StoredAuditEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One audit_event row exactly as stored: what the hash covers. {@code recordIds}, {@code fields} and
 * {@code details} are the canonical JSON text. {@code at} has microsecond precision, as both databases keep it.
 */
public record ChainRow(
    long seq,
    Instant at,
    String action,
    String actorId,
    String objectType,
    String recordIds,
    String fields,
    String reason,
    String outcome,
    String ip,
    String userAgent,
    String requestId,
    String details,
    String prevHash,
    String hash) {

  /** The row for an event that is to be appended after {@code prevHash} at {@code seq}; computes its hash. */
  public static ChainRow append(long seq, String prevHash, AuditEvent e, ChainHasher hasher) {
    ChainRow unhashed = new ChainRow(seq, e.at().truncatedTo(ChronoUnit.MICROS), e.action(), e.actorId(), e.objectType(),
        Json.stringList(e.recordIds()), Json.stringList(e.fields()), e.reason(), e.outcome(), e.ip(), e.userAgent(),
        e.requestId(), Json.stringMap(e.details()), prevHash, null);
    return unhashed.withHash(hasher.hash(unhashed));
  }

  public ChainRow withHash(String hash) {
    return new ChainRow(seq, at, action, actorId, objectType, recordIds, fields, reason, outcome, ip, userAgent, requestId, details, prevHash, hash);
  }

  public ChainRow withSeq(long seq) {
    return new ChainRow(seq, at, action, actorId, objectType, recordIds, fields, reason, outcome, ip, userAgent, requestId, details, prevHash, hash);
  }

  public AuditEvent toEvent() {
    return new AuditEvent(at, action, actorId, objectType, Json.parseStringList(recordIds), Json.parseStringList(fields),
        reason, outcome, ip, userAgent, requestId, Json.parseFlatObject(details));
  }

  public StoredAuditEvent toStored() {
    return new StoredAuditEvent(seq, toEvent(), prevHash, hash);
  }
}
