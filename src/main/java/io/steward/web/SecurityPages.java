package io.steward.web;

import io.steward.access.AccessRequestException;
import io.steward.access.Devices;
import io.steward.access.Passkeys;
import io.steward.access.Principal;
import io.steward.access.RequestInfos;
import io.steward.access.SecondFactors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings → Security: the authenticator app, recovery codes and passkeys of the signed-in user; sign-in notices. */
@Controller
class SecurityPages {

  private final SecondFactors factors;
  private final Passkeys passkeys;
  private final Devices devices;
  private final WebPages pages;

  SecurityPages(SecondFactors factors, Passkeys passkeys, Devices devices, WebPages pages) {
    this.factors = factors;
    this.passkeys = passkeys;
    this.devices = devices;
    this.pages = pages;
  }

  @GetMapping("/settings/security")
  String security(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return page(p, request, model, null, null);
  }

  @PostMapping("/settings/security/totp")
  String startTotp(Principal p, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    try {
      SecondFactors.TotpEnrolment e = factors.startTotp(p.userId());
      return enrolPage(p, request, model, e, null);
    } catch (AccessRequestException e) {
      response.setStatus(422);
      return page(p, request, model, "error", e.getMessage());
    }
  }

  @PostMapping("/settings/security/totp/confirm")
  String confirmTotp(Principal p, @RequestParam String code, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    Optional<List<String>> codes = factors.confirmTotp(p.userId(), code, RequestInfos.of(request));
    if (codes.isEmpty()) {
      response.setStatus(422);
      return enrolPage(p, request, model, factors.startTotp(p.userId()), "That code did not match. Type the number your app shows now.");
    }
    model.put("page", pages.page(p, request, "Recovery codes", "settings"));
    model.put("codes", codes.get());
    model.put("next", "/settings/security");
    return "mfa/recovery";
  }

  @PostMapping("/settings/security/totp/remove")
  String removeTotp(Principal p) {
    factors.removeTotp(p);
    return "redirect:/settings/security";
  }

  @PostMapping("/settings/security/recovery-codes")
  String newRecoveryCodes(Principal p, HttpServletRequest request, Map<String, Object> model) {
    List<String> codes = factors.newRecoveryCodes(p);
    model.put("page", pages.page(p, request, "Recovery codes", "settings"));
    model.put("codes", codes);
    model.put("next", "/settings/security");
    return "mfa/recovery";
  }

  @PostMapping("/settings/security/passkeys/remove")
  String removePasskey(Principal p, @RequestParam String id) {
    passkeys.remove(p, id);
    return "redirect:/settings/security";
  }

  @PostMapping("/settings/notices/{id}/dismiss")
  String dismiss(Principal p, @PathVariable UUID id) {
    devices.dismiss(p.userId(), id);
    return "redirect:/";
  }

  private String page(Principal p, HttpServletRequest request, Map<String, Object> model, String kind, String message) {
    PageModel page = pages.page(p, request, "Security", "settings");
    if (message != null) {
      page = page.withFlash(kind, message);
    }
    passkeys.prepare(p.userId(), p.email());
    model.put("page", page);
    model.put("status", factors.status(p.userId()));
    model.put("passkeys", passkeys.of(p.userId()));
    return "settings/security";
  }

  private String enrolPage(Principal p, HttpServletRequest request, Map<String, Object> model, SecondFactors.TotpEnrolment e, String error) {
    PageModel page = pages.page(p, request, "Set up an authenticator app", "settings");
    if (error != null) {
      page = page.withFlash("error", error);
    }
    model.put("page", page);
    model.put("secret", e.secret());
    model.put("qr", QrCodes.svg(e.otpauthUri()));
    model.put("confirmAction", "/settings/security/totp/confirm");
    model.put("passkeyDone", "/settings/security");
    model.put("forced", false);
    return "mfa/enrol";
  }
}
