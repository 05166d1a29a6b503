package io.steward.api.security;

import io.steward.access.Principal;
import io.steward.api.problems.ApiException;
import io.steward.monitoring.Incident;
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

  SecurityController(Incidents incidents, Monitor monitor) {
    this.incidents = incidents;
    this.monitor = monitor;
  }

  @GetMapping("/incidents")
  @Operation(summary = "Incidents", description = "Open incidents, or with 'since' every incident opened since then (ISO-8601 instant).")
  Map<String, Object> incidents(Principal p, @RequestParam(required = false) String since) {
    try {
      List<Incident> found = since == null ? incidents.open(p) : incidents.since(p, parse(since));
      return Map.of("items", found.stream().map(SecurityController::json).toList());
    } catch (MonitoringAccessDeniedException e) {
      throw ApiException.forbidden(e.getMessage());
    }
  }

  @GetMapping("/monitor")
  @Operation(summary = "Monitor cost", description = "Rule evaluation time per audited call on the node that answers.")
  Map<String, Object> stats(Principal p) {
    try {
      incidents.open(p);
    } catch (MonitoringAccessDeniedException e) {
      throw ApiException.forbidden(e.getMessage());
    }
    Monitor.EvaluationStats s = monitor.stats();
    return Map.of("evaluations", s.evaluations(), "p50Micros", s.p50Micros(), "p99Micros", s.p99Micros());
  }

  private static Instant parse(String since) {
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter("since", "invalid-instant", "Give 'since' as an ISO-8601 instant such as 2026-11-29T00:00:00Z.");
    }
  }

  private static Map<String, Object> json(Incident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id().toString());
    m.put("rule", i.rule().id());
    m.put("response", i.response().name().toLowerCase());
    m.put("userId", i.userId() == null ? null : i.userId().toString());
    m.put("ip", i.ip());
    m.put("summary", i.summary());
    m.put("status", i.status().name().toLowerCase());
    m.put("openedAt", i.openedAt().toString());
    m.put("records", i.records());
    m.put("containedAt", i.contained() == null ? null : i.contained().toString());
    return m;
  }
}
