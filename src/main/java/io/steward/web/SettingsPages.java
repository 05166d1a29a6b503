package io.steward.web;

import io.steward.access.AccessRequestException;
import io.steward.access.Accounts;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.access.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A user's own settings: API tokens (created here, shown once) and active sessions. */
@Controller
class SettingsPages {

  private final ApiTokens tokens;
  private final Sessions sessions;
  private final Accounts accounts;
  private final WebPages pages;

  SettingsPages(ApiTokens tokens, Sessions sessions, Accounts accounts, WebPages pages) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.accounts = accounts;
    this.pages = pages;
  }

  @GetMapping("/settings/tokens")
  String tokens(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return tokensPage(p, request, model, null, null);
  }

  @PostMapping("/settings/tokens")
  String create(Principal p, @RequestParam String name, @RequestParam String expiresIn,
      @RequestParam(defaultValue = "false") boolean privileged, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) {
    try {
      ApiTokens.IssuedToken issued = tokens.create(p, p.userId(), name, ApiTokens.parseLifetime(expiresIn), privileged);
      return tokensPage(p, request, model, issued.token(), null);
    } catch (AccessRequestException e) {
      response.setStatus(422);
      return tokensPage(p, request, model, null, e.getMessage());
    }
  }

  @PostMapping("/settings/tokens/{id}/revoke")
  String revoke(Principal p, @PathVariable UUID id) {
    if (tokens.ownerOf(id).filter(p.userId()::equals).isPresent()) {
      tokens.revoke(p, id);
    }
    return "redirect:/settings/tokens";
  }

  @GetMapping("/settings/sessions")
  String sessions(Principal p, HttpServletRequest request, Map<String, Object> model) {
    model.put("page", pages.page(p, request, "Sessions", "settings"));
    model.put("sessions", sessions.activeOf(p.userId()));
    return "settings/sessions";
  }

  @PostMapping("/settings/sessions/end-all")
  String endAll(Principal p) {
    accounts.endSessions(p, p.userId());
    return "redirect:/login?signedOut";
  }

  private String tokensPage(Principal p, HttpServletRequest request, Map<String, Object> model, String newToken, String error) {
    PageModel page = pages.page(p, request, "API tokens", "settings");
    if (error != null) {
      page = page.withFlash("error", error);
    }
    model.put("page", page);
    model.put("tokens", tokens.of(p.userId()));
    model.put("newToken", newToken);
    return "settings/tokens";
  }
}
