package io.steward.api.audit;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.access.StepUp;
import io.steward.api.problems.ApiException;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.AuditTrail;
import io.steward.audit.AuditVerifier;
import io.steward.audit.StoredAuditEvent;
import io.steward.audit.VerificationReport;
import io.steward.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for API clients (SIEM pulls, investigations). Requires the view-audit permission. */
@RestController
@RequestMapping(path = "/api/v1/audit")
@Tag(name = "Audit trail", description = "Who accessed what and when. Requires the view-audit permission; exports are audited.")
@SecurityRequirement(name = "bearer")
class AuditController {

  private final AuditQueries queries;
  private final AuditVerifier verifier;
  private final AuditTrail audit;
  private final AccessPolicy policy;
  private final Clock clock;
  private final StepUp stepUp;

  AuditController(AuditQueries queries, AuditVerifier verifier, AuditTrail audit, AccessPolicy policy, Clock clock, StepUp stepUp) {
    this.stepUp = stepUp;
    this.queries = queries;
    this.verifier = verifier;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Search events", description = "Filters: actor (user id), action, objectType, record (id), ip, outcome, from and to "
      + "(ISO-8601 instants). Newest first, pages of up to 200.")
  Map<String, Object> events(Principal p, @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String objectType, @RequestParam(required = false) String record,
      @RequestParam(required = false) String ip, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    requireAuditor(p);
    if (size < 1 || size > 200 || page < 0) {
      throw ApiException.badParameter("size", "range", "page is 0 or more and size between 1 and 200.");
    }
    Page<StoredAuditEvent> found = queries.find(filter(actor, action, objectType, record, ip, outcome, from, to), page, size);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", found.items().stream().map(AuditController::json).toList());
    body.put("page", found.page());
    body.put("size", found.size());
    body.put("total", found.total());
    return body;
  }

  @GetMapping(path = "/failed-sign-ins", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Failed sign-ins by IP address", description = "Over the last N days (default 7), most first.")
  List<AuditQueries.IpCount> failedSignIns(Principal p, @RequestParam(defaultValue = "7") int days) {
    requireAuditor(p);
    Instant now = clock.instant();
    return queries.failedSignInsByIp(now.minus(Duration.ofDays(Math.max(1, Math.min(days, 3650)))), now);
  }

  @GetMapping(path = "/export")
  @Operation(summary = "Export events", description = "format=csv (default) or json (one object per line), same filters as search, oldest "
      + "first. The export is itself audited.")
  void export(Principal p, @RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action, @RequestParam(required = false) String objectType,
      @RequestParam(required = false) String record, @RequestParam(required = false) String ip, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
    requireAuditor(p);
    stepUp.require(p, StepUp.EXPORT_AUDIT);
    if (!format.equals("csv") && !format.equals("json")) {
      throw ApiException.badParameter("format", "unknown", "format is csv or json.");
    }
    AuditFilter filter = filter(actor, action, objectType, record, ip, outcome, from, to);
    boolean json = format.equals("json");
    response.setContentType(json ? "application/x-ndjson;charset=UTF-8" : "text/csv;charset=UTF-8");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    long n = json ? queries.exportJsonLines(filter, out) : queries.exportCsv(filter, out);
    out.flush();
    audit.record(new AuditEvent(clock.instant(), AuditActions.AUDIT_EXPORT, p.actorId(), null, List.of(), List.of(), null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("events", Long.toString(n), "format", format)));
  }

  @PostMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Verify the trail", description = "Recomputes the hash chain and checks signed checkpoints; reports the first break.")
  Map<String, Object> verify(Principal p) {
    requireAuditor(p);
    VerificationReport r = verifier.verify();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", r.ok());
    body.put("summary", r.summary());
    body.put("eventsChecked", r.eventsChecked());
    r.firstBreak().ifPresent(b -> body.put("firstBreak", Map.of("seq", b.seq(), "kind", b.kind().name().toLowerCase())));
    return body;
  }

  private static Map<String, Object> json(StoredAuditEvent s) {
    AuditEvent e = s.event();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", s.seq());
    m.put("at", e.at().toString());
    m.put("action", e.action());
    m.put("actorId", e.actorId());
    m.put("objectType", e.objectType());
    m.put("recordIds", e.recordIds());
    m.put("fields", e.fields());
    m.put("reason", e.reason());
    m.put("outcome", e.outcome());
    m.put("ip", e.ip());
    m.put("userAgent", e.userAgent());
    m.put("requestId", e.requestId());
    m.put("details", e.details());
    m.put("hash", s.hash());
    return m;
  }

  private static AuditFilter filter(String actor, String action, String objectType, String record, String ip, String outcome, String from,
      String to) {
    AuditFilter f = AuditFilter.all();
    if (actor != null) {
      f = f.actor(actor);
    }
    if (action != null) {
      f = f.actions(action.split(","));
    }
    if (objectType != null) {
      f = f.objectType(objectType);
    }
    if (record != null) {
      f = f.record(record);
    }
    if (ip != null) {
      f = f.ip(ip);
    }
    if (outcome != null) {
      f = f.outcome(outcome);
    }
    return f.between(instant("from", from), instant("to", to));
  }

  private static Instant instant(String name, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter(name, "format", name + " is an ISO-8601 instant such as 2026-11-29T00:00:00Z.");
    }
  }

  private void requireAuditor(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.VIEW_AUDIT)) {
      throw ApiException.forbidden("Your roles do not allow you to read the audit trail.");
    }
  }
}
