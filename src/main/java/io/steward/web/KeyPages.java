package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.crypto.KeyRotation;
import io.steward.crypto.Tier;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Key administration: which keys are in force (ids only, never material), a Rotate button per keyset, and the
 * progress of recent rotations. Every rotation, and every refused attempt, is audited.
 */
@Controller
class KeyPages {

  private final KeyRotation rotation;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final WebPages pages;
  private final Clock clock;

  private final io.steward.access.StepUp stepUp;

  KeyPages(KeyRotation rotation, AccessPolicy policy, AuditTrail audit, WebPages pages, Clock clock, io.steward.access.StepUp stepUp) {
    this.stepUp = stepUp;
    this.rotation = rotation;
    this.policy = policy;
    this.audit = audit;
    this.pages = pages;
    this.clock = clock;
  }

  @GetMapping("/admin/keys")
  String keys(Principal p, HttpServletRequest request, Map<String, Object> model, @RequestParam(required = false) Long started,
      @RequestParam(required = false) Long running) {
    requireKeys(p, "view keys");
    PageModel page = pages.page(p, request, "Keys", "admin");
    if (started != null) {
      page = page.withFlash("ok", "Rotation " + started + " started; it runs in the background.");
    } else if (running != null) {
      page = page.withFlash("error", "Rotation " + running + " of that keyset is still running; rotate again once it is done.");
    }
    model.put("page", page);
    model.put("keySets", rotation.keySets());
    model.put("jobs", rotation.recent());
    model.put("nodes", rotation.nodes());
    model.put("keyVersion", rotation.keyVersion());
    model.put("nodeTimeoutSeconds", rotation.nodeTimeout().toSeconds());
    return "admin/keys";
  }

  @PostMapping("/admin/keys/rotate")
  String rotate(Principal p, @RequestParam String keyset) {
    requireKeys(p, "rotate " + keyset);
    stepUp.require(p, io.steward.access.StepUp.ROTATE_KEYS);
    long job;
    try {
      job = switch (keyset) {
        case "personal" -> rotation.rotateKek(Tier.PERSONAL);
        case "sensitive" -> rotation.rotateKek(Tier.SENSITIVE);
        case KeyRotation.BLIND_INDEX -> rotation.rotateBlindIndex();
        default -> throw InvalidRecordException.malformed("keyset", "unknown", "There is no such keyset.");
      };
    } catch (KeyRotation.AlreadyRotating e) {
      record(p, AuditActions.KEY_CHANGED, "failed", Map.of("keyset", keyset, "rotation", Long.toString(e.job()), "reason", "already running"));
      return "redirect:/admin/keys?running=" + e.job();
    }
    record(p, AuditActions.KEY_CHANGED, "success", Map.of("keyset", keyset, "rotation", Long.toString(job)));
    return "redirect:/admin/keys?started=" + job;
  }

  private void requireKeys(Principal p, String attempt) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_KEYS)) {
      record(p, AuditActions.ACCESS_DENIED, "denied", Map.of("attempt", attempt.length() > 40 ? attempt.substring(0, 40) : attempt));
      throw new ForbiddenException("Your roles do not allow you to manage keys.", null);
    }
  }

  private void record(Principal p, String action, String outcome, Map<String, String> details) {
    audit.record(new AuditEvent(clock.instant(), action, p.actorId(), null, List.of(), List.of(), null, outcome,
        p.request().ip(), p.request().userAgent(), p.request().requestId(), details));
  }
}
