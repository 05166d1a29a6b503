package io.steward.web;

import io.steward.access.AccessRequestException;
import io.steward.access.FirstAdmin;
import io.steward.access.RequestInfos;
import io.steward.access.SignInMethods;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the one-time setup page that creates the first administrator. */
@Controller
class SignInPages {

  private final WebPages pages;
  private final FirstAdmin firstAdmin;
  private final SignInMethods methods;

  SignInPages(WebPages pages, FirstAdmin firstAdmin, SignInMethods methods) {
    this.pages = pages;
    this.firstAdmin = firstAdmin;
    this.methods = methods;
  }

  @GetMapping("/login")
  String login(HttpServletRequest request, Map<String, Object> model) {
    PageModel page = pages.page(null, request, "Sign in", "login");
    if (request.getParameter("setup") != null) {
      page = page.withFlash("ok", "The administrator account is ready. Sign in with it.");
    }
    model.put("page", page);
    model.put("failed", request.getParameter("error") != null);
    model.put("signedOut", request.getParameter("signedOut") != null);
    String throttled = request.getParameter("throttled");
    model.put("throttled", throttled != null && throttled.matches("\\d{1,4}") ? throttled : null);
    model.put("localPasswords", methods.localPasswords());
    model.put("singleSignOn", methods.singleSignOn().orElse(null));
    model.put("singleSignOnPath", SignInMethods.SINGLE_SIGN_ON_PATH);
    return "login";
  }

  @GetMapping("/setup")
  String setup(@RequestParam(required = false) String token, HttpServletRequest request, Map<String, Object> model) {
    return setupPage(request, model, token, null);
  }

  @PostMapping("/setup")
  String createAdmin(@RequestParam String token, @RequestParam String email, @RequestParam String displayName,
      @RequestParam String password, @RequestParam String confirm, HttpServletRequest request, Map<String, Object> model) {
    if (!password.equals(confirm)) {
      return setupPage(request, model, token, "The two passwords differ.");
    }
    try {
      firstAdmin.create(token, email, displayName, password, RequestInfos.of(request));
    } catch (AccessRequestException e) {
      return setupPage(request, model, token, e.getMessage());
    }
    return "redirect:/login?setup";
  }

  private String setupPage(HttpServletRequest request, Map<String, Object> model, String token, String error) {
    model.put("page", pages.page(null, request, "Set up Steward", "setup"));
    model.put("token", token == null ? "" : token);
    model.put("valid", firstAdmin.tokenValid(token));
    model.put("error", error);
    return "setup";
  }
}
