package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/** Builds the frame of every page: navigation shows only what the signed-in user may open. */
@Component
public class WebPages {

  private final SchemaRegistry schema;
  private final AccessPolicy policy;

  WebPages(SchemaRegistry schema, AccessPolicy policy) {
    this.schema = schema;
    this.policy = policy;
  }

  public PageModel page(Principal user, HttpServletRequest request, String title, String active) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    List<PageModel.NavItem> nav = new ArrayList<>();
    if (user != null) {
      nav.add(new PageModel.NavItem("home", "Dashboard", "/"));
      for (ObjectDef o : schema.objects()) {
        if (policy.mayObject(user, o.apiName(), ObjectAction.READ)) {
          nav.add(new PageModel.NavItem(o.apiName(), o.pluralLabel(), "/o/" + o.collection()));
        }
      }
      if (policy.mayObject(user, "deal", ObjectAction.READ)) {
        nav.add(new PageModel.NavItem("pipeline", "Pipeline", "/pipeline"));
      }
      if (policy.mayAdmin(user, AdminPermission.MANAGE_USERS)) {
        nav.add(new PageModel.NavItem("admin", "Admin", "/admin/users"));
      }
      if (policy.mayAdmin(user, AdminPermission.MANAGE_SCHEMA)) {
        nav.add(new PageModel.NavItem("schema", "Schema", "/admin/schema"));
      }
      nav.add(new PageModel.NavItem("settings", "Settings", "/settings/tokens"));
    }
    return new PageModel(title, user, csrf == null ? "_csrf" : csrf.getParameterName(), csrf == null ? "" : csrf.getToken(), nav, active, null);
  }
}
