package io.steward.web;

import io.steward.access.BrowserSignIn;
import io.steward.access.Passkeys;
import io.steward.access.PendingSignIn;
import io.steward.access.RequestInfos;
import io.steward.access.SecondFactors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of sign-in: the code (or passkey) after the password, or, for a user who must have a second
 * factor and has none, enrolment. A half-way session reaches nothing else.
 */
@Controller
class MfaPages {

  private final BrowserSignIn signIn;
  private final SecondFactors factors;
  private final Passkeys passkeys;
  private final WebPages pages;

  MfaPages(BrowserSignIn signIn, SecondFactors factors, Passkeys passkeys, WebPages pages) {
    this.signIn = signIn;
    this.factors = factors;
    this.passkeys = passkeys;
    this.pages = pages;
  }

  @GetMapping("/mfa")
  String next(HttpServletRequest request, Map<String, Object> model) {
    Optional<PendingSignIn> pending = signIn.pending(request);
    if (pending.isEmpty()) {
      return "redirect:/";
    }
    if (pending.get().stage() == PendingSignIn.Stage.ENROL) {
      return enrolPage(pending.get(), request, model, factors.startTotp(pending.get().userId()), null);
    }
    return verifyPage(pending.get(), request, model, null);
  }

  @PostMapping("/mfa/verify")
  String verify(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    Optional<PendingSignIn> pending = signIn.pending(request);
    if (pending.isEmpty()) {
      return "redirect:/";
    }
    if (signIn.completeWithCode(request, response, code)) {
      return "redirect:/";
    }
    response.setStatus(422);
    return verifyPage(pending.get(), request, model, "That code did not work. Type the current code from your app, or a recovery code.");
  }

  @PostMapping("/mfa/enrol/totp")
  String confirmTotp(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    Optional<PendingSignIn> pending = signIn.pending(request);
    if (pending.isEmpty() || pending.get().stage() != PendingSignIn.Stage.ENROL) {
      return "redirect:/";
    }
    Optional<List<String>> codes = factors.confirmTotp(pending.get().userId(), code, RequestInfos.of(request));
    if (codes.isEmpty()) {
      response.setStatus(422);
      return enrolPage(pending.get(), request, model, factors.startTotp(pending.get().userId()),
          "That code did not match. Scan the new code below and type the number your app shows.");
    }
    signIn.completeAfterEnrolment(request, response);
    model.put("page", pages.page(null, request, "Recovery codes", ""));
    model.put("codes", codes.get());
    model.put("next", "/");
    return "mfa/recovery";
  }

  /** Called by the passkey script after registering a passkey during forced enrolment. */
  @PostMapping("/mfa/enrol/passkey")
  String passkeyRegistered(HttpServletRequest request, HttpServletResponse response) {
    signIn.completeAfterEnrolment(request, response);
    return "redirect:/";
  }

  private String verifyPage(PendingSignIn pending, HttpServletRequest request, Map<String, Object> model, String error) {
    PageModel page = pages.page(null, request, "Two-step verification", "");
    if (error != null) {
      page = page.withFlash("error", error);
    }
    SecondFactors.Status status = factors.status(pending.userId());
    model.put("page", page);
    model.put("totp", status.totp());
    model.put("passkeys", status.passkeys() > 0);
    return "mfa/verify";
  }

  private String enrolPage(PendingSignIn pending, HttpServletRequest request, Map<String, Object> model, SecondFactors.TotpEnrolment enrolment,
      String error) {
    PageModel page = pages.page(null, request, "Set up two-step verification", "");
    if (error != null) {
      page = page.withFlash("error", error);
    }
    passkeys.prepare(pending.userId(), pending.email());
    model.put("page", page);
    model.put("secret", enrolment.secret());
    model.put("qr", QrCodes.svg(enrolment.otpauthUri()));
    model.put("confirmAction", "/mfa/enrol/totp");
    model.put("passkeyDone", "/mfa/enrol/passkey");
    model.put("forced", true);
    return "mfa/enrol";
  }
}
