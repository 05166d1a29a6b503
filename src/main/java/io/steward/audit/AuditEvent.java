package io.steward.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as the audit trail keeps it. It names records and fields, never a personal or
 * sensitive value: {@code details} may hold only public or internal values (before/after of such fields,
 * counts, filters by field name, detector ids).
 *
 * @param action     what happened, dotted lower case (see {@link AuditActions})
 * @param actorId    the user id, or "anonymous" / "system"
 * @param objectType the object type acted on, if any
 * @param recordIds  every record the action touched or showed
 * @param fields     the field API names involved
 * @param outcome    "success", "denied", "refused", "failure"
 */
public record AuditEvent(
    Instant at,
    String action,
    String actorId,
    String objectType,
    List<String> recordIds,
    List<String> fields,
    String reason,
    String outcome,
    String ip,
    String userAgent,
    String requestId,
    Map<String, String> details) {

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorId, "actorId");
    recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
    fields = fields == null ? List.of() : List.copyOf(fields);
    details = details == null ? Map.of() : Map.copyOf(details);
    outcome = outcome == null ? "success" : outcome;
  }
}
