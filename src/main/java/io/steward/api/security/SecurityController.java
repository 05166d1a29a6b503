package io.steward.api.security;

import io.steward.access.Mailer;
import io.steward.access.Principal;
import io.steward.api.problems.ApiException;
import io.steward.monitoring.Incident;
import io.steward.monitoring.IncidentJson;
import io.steward.monitoring.Incidents;
import io.steward.monitoring.Monitor;
import io.steward.monitoring.MonitoringAccessDeniedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Security incidents and the monitor's cost, for SIEM pulls and the breach drill. Needs the manage-security power. */
@RestController
@RequestMapping(path = "/api/v1/security", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Security", description = "Incidents opened by the monitor (docs/monitoring.md). Requires the manage-security permission.")
@SecurityRequirement(name = "bearer")
class SecurityController {

  private final Incidents incidents;
  private final Monitor monitor;
  private final Mailer mailer;

  SecurityController(Incidents incidents, Monitor monitor, Mailer mailer) {
    this.incidents = incidents;
    this.monitor = monitor;
    this.mailer = mailer;
  }

  @GetMapping("/incidents")
  @Operation(summary = "Incidents", description = "Open incidents, or with 'since' every incident opened since then (ISO-8601 instant).")
  Map<String, Object> incidents(Principal p, @RequestParam(required = false) String since) {
    try {
      List<Incident> found = since == null ? incidents.open(p) : incidents.since(p, parse(since));
      return Map.of("items", found.stream().map(IncidentJson::of).toList());
    } catch (MonitoringAccessDeniedException e) {
      throw ApiException.forbidden(e.getMessage());
    }
  }

  @GetMapping("/monitor")
  @Operation(summary = "Monitor cost and incident email",
      description = "Rule evaluation time per audited call, and whether incident emails go out, on the node that answers.")
  Map<String, Object> stats(Principal p) {
    try {
      incidents.open(p);
    } catch (MonitoringAccessDeniedException e) {
      throw ApiException.forbidden(e.getMessage());
    }
    Monitor.EvaluationStats s = monitor.stats();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("evaluations", s.evaluations());
    m.put("p50Micros", s.p50Micros());
    m.put("p99Micros", s.p99Micros());
    m.put("email", email(mailer.status()));
    return m;
  }

  /** What a SIEM or an uptime check needs to notice that incident emails stopped: never the server's password or address. */
  private static Map<String, Object> email(Mailer.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", s.configured());
    m.put("problem", s.problem());
    m.put("queued", s.queued());
    m.put("sent", s.sent());
    m.put("failed", s.failed());
    m.put("lastFailureAt", s.lastFailureAt() == null ? null : s.lastFailureAt().toString());
    return m;
  }

  private static Instant parse(String since) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter("since", "invalid-instant", "Give 'since' as an ISO-8601 instant such as 2026-11-29T00:00:00Z.");
    }
  }
}
