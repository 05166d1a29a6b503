package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AccessRequestException;
import io.steward.access.Accounts;
import io.steward.access.AdminPermission;
import io.steward.access.ApiTokens;
import io.steward.access.Principal;
import io.steward.access.Roles;
import io.steward.access.StepUp;
import io.steward.access.RolePolicy;
import io.steward.access.Sessions;
import io.steward.access.UserKind;
import io.steward.records.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** User administration: accounts, grants that expire, disabling, ending sessions, revoking tokens. */
@Controller
class AdminPages {

  private final Accounts accounts;
  private final Roles roles;
  private final Sessions sessions;
  private final ApiTokens tokens;
  private final AccessPolicy policy;
  private final WebPages pages;

  private final StepUp stepUp;

  AdminPages(Accounts accounts, Roles roles, Sessions sessions, ApiTokens tokens, AccessPolicy policy, WebPages pages, StepUp stepUp) {
    this.stepUp = stepUp;
    this.accounts = accounts;
    this.roles = roles;
    this.sessions = sessions;
    this.tokens = tokens;
    this.policy = policy;
    this.pages = pages;
  }

  @GetMapping("/admin/users")
  String users(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return usersPage(p, request, model, null);
  }

  @PostMapping("/admin/users")
  String createUser(Principal p, @RequestParam String email, @RequestParam String displayName, @RequestParam String password,
      @RequestParam String kind, @RequestParam(defaultValue = "") String team, @RequestParam(defaultValue = "") String sponsor,
      @RequestParam String role, @RequestParam(defaultValue = "") String expires, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) {
    requireAdmin(p);
    stepUp.require(p, StepUp.CHANGE_GRANTS); // before the account exists, so a replay after step-up does not create it twice
    try {
      UserKind k = UserKind.valueOf(kind.toUpperCase());
      UUID sponsorId = sponsor.isBlank() ? null : UUID.fromString(sponsor);
      Instant expiry = endOfDay(expires);
      UUID id = accounts.createUser(p, new Accounts.NewUser(email, displayName, password, k, team, sponsorId));
      accounts.grant(p, id, role, expiry, null, null, "created by an administrator");
      return "redirect:/admin/users/" + id;
    } catch (AccessRequestException | IllegalArgumentException e) {
      response.setStatus(422);
      return usersPage(p, request, model, e.getMessage());
    }
  }

  @GetMapping("/admin/users/{id}")
  String user(Principal p, @PathVariable UUID id, HttpServletRequest request, Map<String, Object> model) {
    return userPage(p, id, request, model, null);
  }

  @PostMapping("/admin/users/{id}/grants")
  String grant(Principal p, @PathVariable UUID id, @RequestParam String role, @RequestParam(defaultValue = "") String expires,
      @RequestParam(defaultValue = "") String networks, @RequestParam(defaultValue = "") String hours,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    requireAdmin(p);
    try {
      accounts.grant(p, id, role, endOfDay(expires), networks, hours, reason);
    } catch (AccessRequestException | IllegalArgumentException e) {
      response.setStatus(422);
      return userPage(p, id, request, model, e.getMessage());
    }
    return "redirect:/admin/users/" + id;
  }

  @PostMapping("/admin/grants/{grant}/revoke")
  String revoke(Principal p, @PathVariable UUID grant, @RequestParam UUID user) {
    requireAdmin(p);
    accounts.revokeGrant(p, grant);
    return "redirect:/admin/users/" + user;
  }

  @PostMapping("/admin/users/{id}/enabled")
  String enabled(Principal p, @PathVariable UUID id, @RequestParam boolean enabled) {
    requireAdmin(p);
    accounts.setEnabled(p, id, enabled);
    return "redirect:/admin/users/" + id;
  }

  @PostMapping("/admin/users/{id}/sessions/end")
  String endSessions(Principal p, @PathVariable UUID id) {
    requireAdmin(p);
    accounts.endSessions(p, id);
    return "redirect:/admin/users/" + id;
  }

  @PostMapping("/admin/tokens/{token}/revoke")
  String revokeToken(Principal p, @PathVariable UUID token, @RequestParam UUID user) {
    requireAdmin(p);
    tokens.revoke(p, token);
    return "redirect:/admin/users/" + user;
  }

  private String usersPage(Principal p, HttpServletRequest request, Map<String, Object> model, String error) {
    requireAdmin(p);
    PageModel page = pages.page(p, request, "Users", "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("users", accounts.all());
    model.put("roles", roles.all().stream().map(RolePolicy::name).toList());
    return "admin/users";
  }

  private String userPage(Principal p, UUID id, HttpServletRequest request, Map<String, Object> model, String error) {
    requireAdmin(p);
    Accounts.UserSummary user = accounts.find(id).orElseThrow(() -> new io.steward.records.RecordNotFoundException("user"));
    PageModel page = pages.page(p, request, user.displayName(), "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("user", user);
    model.put("roles", roles.all().stream().map(RolePolicy::name).toList());
    model.put("sessions", sessions.activeOf(id));
    model.put("tokens", tokens.of(id));
    model.put("now", Instant.now());
    return "admin/user";
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_USERS)) {
      throw new ForbiddenException("Your roles do not allow you to manage users.", null);
    }
  }

  private static Instant endOfDay(String date) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date.strip()).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new AccessRequestException("expiresAt", "Enter the expiry as a date like 2026-12-31.");
    }
  }
}
