package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Devices;
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
  private final io.steward.access.Notifications notifications;
  private final Devices devices;

  WebPages(SchemaRegistry schema, AccessPolicy policy, io.steward.access.Notifications notifications, Devices devices) {
    this.schema = schema;
    this.policy = policy;
    this.notifications = notifications;
    this.devices = devices;
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
      nav.add(new PageModel.NavItem("settings", "Settings", "/settings/security"));
    }
    long unread = user == null || user.isSystem() ? 0 : notifications.unread(user.userId());
    List<PageModel.Notice> notices = user == null || user.isSystem() ? List.of()
        : devices.notices(user.userId()).stream().map(n -> new PageModel.Notice(n.id().toString(), n.message())).toList();
    return new PageModel(title, user, csrf == null ? "_csrf" : csrf.getParameterName(), csrf == null ? "" : csrf.getToken(), nav, active, null,
        unread, notices);
  }
}
