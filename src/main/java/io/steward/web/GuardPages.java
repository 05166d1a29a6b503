package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.guard.Checksum;
import io.steward.guard.CustomDetectorSpec;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.ForbiddenException;
import io.steward.records.StoredDataScan;
import io.steward.shared.RecordId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Never-keep guard settings (detector switches, a business's own detectors) and the scan of stored data. */
@Controller
class GuardPages {

  private final ProhibitedDataGuard guard;
  private final StoredDataScan scan;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final WebPages pages;
  private final Clock clock;

  GuardPages(ProhibitedDataGuard guard, StoredDataScan scan, AccessPolicy policy, AuditTrail audit, WebPages pages, Clock clock) {
    this.guard = guard;
    this.scan = scan;
    this.policy = policy;
    this.audit = audit;
    this.pages = pages;
    this.clock = clock;
  }

  @GetMapping("/admin/guard")
  String page(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return render(p, request, model, null);
  }

  @PostMapping("/admin/guard/detectors")
  String toggle(Principal p, @RequestParam String id, @RequestParam boolean enabled) {
    requireAdmin(p);
    guard.setEnabled(id, enabled);
    changed(p, Map.of("detector", id, "enabled", Boolean.toString(enabled)));
    return "redirect:/admin/guard";
  }

  @PostMapping("/admin/guard/custom")
  String addCustom(Principal p, @RequestParam String slug, @RequestParam String name, @RequestParam String pattern,
      @RequestParam(defaultValue = "NONE") String checksum, @RequestParam(defaultValue = "") String contextWords,
      @RequestParam String advice, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    requireAdmin(p);
    try {
      List<String> words = Arrays.stream(contextWords.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
      CustomDetectorSpec spec = new CustomDetectorSpec(slug.strip(), name.strip(), pattern, Checksum.valueOf(checksum), words, advice.strip());
      guard.addCustomDetector(spec);
      changed(p, Map.of("detector", spec.detectorId(), "change", "added"));
    } catch (IllegalArgumentException e) {
      response.setStatus(422);
      return render(p, request, model, e.getMessage());
    }
    return "redirect:/admin/guard";
  }

  @PostMapping("/admin/guard/custom/remove")
  String removeCustom(Principal p, @RequestParam String id) {
    requireAdmin(p);
    guard.removeCustomDetector(id);
    changed(p, Map.of("detector", id, "change", "removed"));
    return "redirect:/admin/guard";
  }

  @PostMapping("/admin/guard/scan")
  String startScan(Principal p) {
    scan.start(p);
    return "redirect:/admin/guard";
  }

  @PostMapping("/admin/guard/findings")
  String resolve(Principal p, @RequestParam String objectType, @RequestParam String recordId, @RequestParam String field,
      @RequestParam String action) {
    RecordId id = RecordId.parse(recordId).orElseThrow(() -> new io.steward.records.RecordNotFoundException("record"));
    scan.find(objectType, id, field).ifPresent(f -> {
      if (action.equals("erase")) {
        scan.erase(p, f);
      } else {
        scan.redact(p, f);
      }
    });
    return "redirect:/admin/guard";
  }

  private String render(Principal p, HttpServletRequest request, Map<String, Object> model, String error) {
    requireAdmin(p);
    PageModel page = pages.page(p, request, "Never-keep guard", "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("detectors", guard.detectors());
    model.put("scan", scan.progress());
    return "admin/guard";
  }

  private void changed(Principal p, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), AuditActions.SETTING_CHANGED, p.actorId(), "guard", List.of(), List.of(), null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), details));
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)) {
      throw new ForbiddenException("Your roles do not allow you to change the never-keep guard.", null);
    }
  }
}
