package io.steward.web;

import io.steward.access.Principal;
import io.steward.access.SecondFactors;
import io.steward.access.StepUp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The step-up page a session is sent to when the security monitor demands a fresh second factor of its account
 * ({@code io.steward.access.FreshMfa}): a code (checked by the access module's step-up filter before this runs) or a
 * passkey, then on to the page that was asked for, in the same session.
 */
@Controller
class StepUpPages {

  static final String FAILED = "steward.stepup.failed";

  private final SecondFactors factors;
  private final WebPages pages;

  StepUpPages(SecondFactors factors, WebPages pages) {
    this.factors = factors;
    this.pages = pages;
  }

  /**
   * GET shows the prompt; POST comes back from it, after the code was checked (or a passkey signed the browser in
   * anew). Whoever no longer owes a second factor goes on to the page asked for.
   */
  @RequestMapping(value = StepUp.PAGE, method = {RequestMethod.GET, RequestMethod.POST})
  ModelAndView stepUp(Principal p, @RequestParam(name = "continue", defaultValue = "/") String next, HttpServletRequest request,
      HttpServletResponse response) {
    return p.owesFreshMfa() ? page(p, next, request, response) : new ModelAndView("redirect:" + local(next));
  }

  private ModelAndView page(Principal p, String next, HttpServletRequest request, HttpServletResponse response) {
    PageModel page = pages.page(p, request, "Confirm it is you", "");
    if ("POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN); // came back without a good code
    }
    return prompt(page, "Steward noticed unusual activity on your account and asks you to confirm it is you with your second factor before you go on.",
        StepUp.PAGE, List.of(Map.entry(page.csrfParam(), page.csrfToken()), Map.entry("continue", local(next))), request, factors.status(p.userId()));
  }

  /** The step-up prompt: a form that posts {@code fields} back to {@code action} with the code, or a passkey button. */
  static ModelAndView prompt(PageModel page, String message, String action, List<Map.Entry<String, String>> fields, HttpServletRequest request,
      SecondFactors.Status status) {
    Map<String, Object> model = new HashMap<>();
    model.put("page", page);
    model.put("message", message);
    model.put("action", action);
    model.put("fields", fields);
    model.put("failed", request.getAttribute(FAILED) != null);
    model.put("canCode", status.totp());
    model.put("canPasskey", status.passkeys() > 0);
    return new ModelAndView("stepup", model);
  }

  /** Only an address on this site, and never the step-up page itself. */
  static String local(String next) {
    boolean ok = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") && !next.startsWith(StepUp.PAGE)
        && next.chars().noneMatch(c -> c < 0x20);
    return ok ? next : "/";
  }
}
