package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.access.StepUp;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditFilter;
import io.steward.audit.AuditQueries;
import io.steward.audit.AuditTrail;
import io.steward.audit.AuditVerifier;
import io.steward.audit.StoredAuditEvent;
import io.steward.records.ForbiddenException;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Page;
import io.steward.shared.RecordId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail in the browser: a record's access history, searching the trail, exporting it and verifying it. */
@Controller
public class AuditPages {

  private final AuditQueries queries;
  private final AuditVerifier verifier;
  private final AuditTrail audit;
  private final RecordService records;
  private final SchemaRegistry schema;
  private final AccessPolicy policy;
  private final WebPages pages;
  private final Clock clock;
  private final StepUp stepUp;

  AuditPages(AuditQueries queries, AuditVerifier verifier, AuditTrail audit, RecordService records, SchemaRegistry schema,
      AccessPolicy policy, WebPages pages, Clock clock, StepUp stepUp) {
    this.stepUp = stepUp;
    this.queries = queries;
    this.verifier = verifier;
    this.audit = audit;
    this.records = records;
    this.schema = schema;
    this.policy = policy;
    this.pages = pages;
    this.clock = clock;
  }

  public record Search(String actor, String action, String record, String ip, String outcome, String from, String to) {
    AuditFilter filter() {
      AuditFilter f = AuditFilter.all();
      if (!actor.isBlank()) {
        f = f.actor(actor.strip());
      }
      if (!action.isBlank()) {
        f = f.actions(action.strip());
      }
      if (!record.isBlank()) {
        f = f.record(record.strip());
      }
      if (!ip.isBlank()) {
        f = f.ip(ip.strip());
      }
      if (!outcome.isBlank()) {
        f = f.outcome(outcome.strip());
      }
      return f.between(day(from, false), day(to, true));
    }

    public String query() {
      return "actor=" + enc(actor) + "&action=" + enc(action) + "&record=" + enc(record) + "&ip=" + enc(ip) + "&outcome=" + enc(outcome)
          + "&from=" + enc(from) + "&to=" + enc(to);
    }

    private static String enc(String s) {
      return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  @GetMapping("/o/{collection}/{id}/access")
  String accessHistory(Principal p, @PathVariable String collection, @PathVariable String id, @RequestParam(defaultValue = "0") int page,
      HttpServletRequest request, Map<String, Object> model) {
    requireAuditor(p);
    ObjectDef o = schema.require(collection);
    RecordId rid = RecordId.parse(id).orElseThrow(() -> new io.steward.records.RecordNotFoundException(o.label().toLowerCase()));
    RecordView v = records.get(p, o.apiName(), rid);
    Page<StoredAuditEvent> events = queries.find(AuditFilter.all().record(rid.toString()), Math.max(0, page), 50);
    model.put("page", pages.page(p, request, "Access history of " + v.title(), o.apiName()));
    model.put("object", o);
    model.put("id", rid.toString());
    model.put("title", v.title());
    model.put("events", events);
    return "records/access";
  }

  @GetMapping("/admin/audit")
  String search(Principal p, @RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String record, @RequestParam(defaultValue = "") String ip,
      @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Map<String, Object> model) {
    requireAuditor(p);
    Search s = new Search(actor, action, record, ip, outcome, from, to);
    Instant now = clock.instant();
    model.put("page", pages.page(p, request, "Audit trail", "admin"));
    model.put("search", s);
    model.put("events", queries.find(s.filter(), Math.max(0, page), 50));
    model.put("failedByIp", queries.failedSignInsByIp(now.minus(Duration.ofDays(7)), now));
    model.put("actions", List.of(AuditActions.RECORD_READ, AuditActions.RECORD_LIST, AuditActions.RECORD_REVEAL, AuditActions.EXPORT,
        AuditActions.IMPORT, AuditActions.SIGN_IN, AuditActions.SIGN_IN_FAILED, AuditActions.ACCESS_DENIED, AuditActions.GUARD_REFUSED,
        AuditActions.GRANT_CHANGED, AuditActions.ROLE_CHANGED, AuditActions.SCHEMA_CHANGED, AuditActions.KEY_CHANGED));
    return "admin/audit";
  }

  @GetMapping("/admin/audit/export")
  void export(Principal p, @RequestParam(defaultValue = "csv") String format, @RequestParam(defaultValue = "") String actor,
      @RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String record, @RequestParam(defaultValue = "") String ip,
      @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
      HttpServletResponse response) throws IOException {
    requireAuditor(p);
    stepUp.require(p, StepUp.EXPORT_AUDIT);
    Search s = new Search(actor, action, record, ip, outcome, from, to);
    boolean json = format.equals("json");
    response.setContentType(json ? "application/x-ndjson;charset=UTF-8" : "text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"audit." + (json ? "jsonl" : "csv") + "\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    long n = json ? queries.exportJsonLines(s.filter(), out) : queries.exportCsv(s.filter(), out);
    out.flush();
    audit.record(new AuditEvent(clock.instant(), AuditActions.AUDIT_EXPORT, p.actorId(), null, List.of(), List.of(), null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("events", Long.toString(n), "format", format,
            "filter", s.query())));
  }

  @PostMapping("/admin/audit/verify")
  String verify(Principal p, HttpServletRequest request, Map<String, Object> model) {
    requireAuditor(p);
    model.put("page", pages.page(p, request, "Audit verification", "admin"));
    model.put("report", verifier.verify());
    return "admin/audit-verify";
  }

  private void requireAuditor(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.VIEW_AUDIT)) {
      throw new ForbiddenException("Your roles do not allow you to read the audit trail.", null);
    }
  }

  private static Instant day(String date, boolean end) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(date.strip());
      return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
