package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.Accounts;
import io.steward.access.Mailer;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.monitoring.Incident;
import io.steward.monitoring.Incidents;
import io.steward.monitoring.Monitor;
import io.steward.monitoring.MonitorSettings;
import io.steward.monitoring.Response;
import io.steward.monitoring.Rule;
import io.steward.monitoring.RuleSetting;
import io.steward.records.ForbiddenException;
import io.steward.records.RecordNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The security dashboard: open incidents with their timelines, acknowledging and resolving, the rule settings and how notices go out. */
@Controller
class SecurityDashboardPages {

  private final Incidents incidents;
  private final MonitorSettings settings;
  private final Monitor monitor;
  private final Accounts accounts;
  private final AccessPolicy policy;
  private final ProhibitedDataGuard guard;
  private final WebPages pages;
  private final Mailer mailer;

  SecurityDashboardPages(Incidents incidents, MonitorSettings settings, Monitor monitor, Accounts accounts, AccessPolicy policy, ProhibitedDataGuard guard,
      WebPages pages, Mailer mailer) {
    this.incidents = incidents;
    this.settings = settings;
    this.monitor = monitor;
    this.accounts = accounts;
    this.policy = policy;
    this.guard = guard;
    this.pages = pages;
    this.mailer = mailer;
  }

  @GetMapping("/admin/security")
  String dashboard(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return dashboardPage(p, request, model, null);
  }

  @GetMapping("/admin/security/incidents/{id}")
  String incident(Principal p, @PathVariable UUID id, HttpServletRequest request, Map<String, Object> model) {
    return incidentPage(p, id, request, model, null);
  }

  @PostMapping("/admin/security/incidents/{id}/acknowledge")
  String acknowledge(Principal p, @PathVariable UUID id, @RequestParam(defaultValue = "") String note, HttpServletRequest request,
      HttpServletResponse response, Map<String, Object> model) {
    requireSecurity(p);
    String refused = refusedNote(note);
    if (refused != null) {
      response.setStatus(422);
      return incidentPage(p, id, request, model, refused);
    }
    incidents.acknowledge(p, id, note);
    return "redirect:/admin/security/incidents/" + id;
  }

  @PostMapping("/admin/security/incidents/{id}/resolve")
  String resolve(Principal p, @PathVariable UUID id, @RequestParam(defaultValue = "") String note,
      @RequestParam(defaultValue = "false") boolean enableAccount, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) {
    requireSecurity(p);
    String refused = refusedNote(note);
    try {
      if (refused != null) {
        throw new IllegalArgumentException(refused);
      }
      incidents.resolve(p, id, note, enableAccount);
    } catch (IllegalArgumentException e) {
      response.setStatus(422);
      return incidentPage(p, id, request, model, e.getMessage());
    }
    return "redirect:/admin/security/incidents/" + id;
  }

  @PostMapping("/admin/security/rules")
  String rule(Principal p, @RequestParam String rule, @RequestParam(defaultValue = "false") boolean enabled, @RequestParam String response,
      @RequestParam long threshold, @RequestParam double factor, HttpServletRequest request, HttpServletResponse servletResponse,
      Map<String, Object> model) {
    requireSecurity(p);
    try {
      settings.update(p, new RuleSetting(Rule.ofId(rule), enabled, Response.valueOf(response), threshold, factor));
    } catch (IllegalArgumentException e) {
      servletResponse.setStatus(422);
      return dashboardPage(p, request, model, e.getMessage());
    }
    return "redirect:/admin/security#rules";
  }

  private String dashboardPage(Principal p, HttpServletRequest request, Map<String, Object> model, String error) {
    requireSecurity(p);
    PageModel page = pages.page(p, request, "Security", "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("open", incidents.open(p));
    model.put("resolved", incidents.recentlyResolved(p, 20));
    model.put("rules", settings.all());
    model.put("responses", Response.values());
    model.put("stats", monitor.stats());
    model.put("names", names());
    model.put("mail", mailer.status());
    return "admin/security";
  }

  private String incidentPage(Principal p, UUID id, HttpServletRequest request, Map<String, Object> model, String error) {
    requireSecurity(p);
    Incident incident = incidents.find(p, id).orElseThrow(() -> new RecordNotFoundException("incident"));
    PageModel page = pages.page(p, request, "Incident", "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("incident", incident);
    model.put("timeline", incidents.timeline(p, id));
    model.put("names", names());
    return "admin/incident";
  }

  /** User ids to display names, for showing who (never personal values of customers). */
  private Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    accounts.all().forEach(u -> names.put(u.id().toString(), u.displayName() + " <" + u.email() + ">"));
    names.put("system", "Steward");
    return names;
  }

  /** Notes pass the never-keep guard like every other free text; the value is never echoed. */
  private String refusedNote(String note) {
    return guard.inspect(note).map(d -> "The note was not saved: " + d.advice()).orElse(null);
  }

  private void requireSecurity(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)) {
      throw new ForbiddenException("Your roles do not allow you to manage security.", null);
    }
  }
}
