package io.steward.audit;

import io.steward.shared.Page;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Reading the trail. Callers that show or export audit events to a person record that themselves
 * ({@link AuditActions#AUDIT_EXPORT}); this interface knows no actor.
 */
public interface AuditQueries {

  /** One page (from 0) of matching events, newest first. */
  Page<StoredAuditEvent> find(AuditFilter filter, int page, int size);

  /** How many matching events each IP address has, most first; events without an IP are left out. */
  List<IpCount> countByIp(AuditFilter filter);

  /** Failed sign-ins in [from, to) grouped by IP address, most first. */
  default List<IpCount> failedSignInsByIp(Instant from, Instant to) {
    return countByIp(AuditFilter.all().actions(AuditActions.SIGN_IN_FAILED).between(from, to));
  }

  /** Every matching event as CSV with a header row, oldest first; returns the number of events written. */
  long exportCsv(AuditFilter filter, Writer out);

  /** Every matching event as one JSON object per line, oldest first; returns the number of events written. */
  long exportJsonLines(AuditFilter filter, Writer out);

  record IpCount(String ip, long count) {}
}
