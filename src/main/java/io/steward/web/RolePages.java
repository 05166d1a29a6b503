package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.access.Roles;
import io.steward.records.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin → Roles: whether holding each role requires a second factor (changing it needs step-up). */
@Controller
class RolePages {

  private final Roles roles;
  private final AccessPolicy policy;
  private final WebPages pages;

  RolePages(Roles roles, AccessPolicy policy, WebPages pages) {
    this.roles = roles;
    this.policy = policy;
    this.pages = pages;
  }

  @GetMapping("/admin/roles")
  String roles(Principal p, HttpServletRequest request, Map<String, Object> model) {
    requireRoleAdmin(p);
    model.put("page", pages.page(p, request, "Roles", "admin"));
    model.put("roles", roles.all());
    return "admin/roles";
  }

  @PostMapping("/admin/roles/{name}/mfa")
  String setMfa(Principal p, @PathVariable String name, @RequestParam String mfa) {
    requireRoleAdmin(p);
    Boolean required = switch (mfa) {
      case "required" -> Boolean.TRUE;
      case "optional" -> Boolean.FALSE;
      default -> null;
    };
    roles.setMfaRequired(p, name, required);
    return "redirect:/admin/roles";
  }

  private void requireRoleAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_ROLES)) {
      throw new ForbiddenException("Your roles do not allow you to manage roles.", null);
    }
  }
}
