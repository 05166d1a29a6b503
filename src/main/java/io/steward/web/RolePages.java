package io.steward.web;

import io.steward.access.AccessRequestException;
import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.access.RecordScope;
import io.steward.access.RolePolicy;
import io.steward.access.Roles;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Classification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Roles: what each permits, per object, classification and field, edited without code. */
@Controller
public class RolePages {

  private final Roles roles;
  private final SchemaRegistry schema;
  private final WebPages pages;

  RolePages(Roles roles, SchemaRegistry schema, WebPages pages) {
    this.roles = roles;
    this.schema = schema;
    this.pages = pages;
  }

  public record ObjectRow(String key, String label, List<ActionBox> actions) {}

  public record ActionBox(String name, String value, boolean checked) {}

  public record LevelRow(String classification, String name, String level) {}

  public record RoleForm(String name, String label, boolean builtin, boolean isNew, String scope, List<ObjectRow> objects, List<LevelRow> levels,
      String fieldOverrides, List<ActionBox> admin) {}

  @GetMapping("/admin/roles")
  String list(Principal p, HttpServletRequest request, Map<String, Object> model) {
    model.put("page", pages.page(p, request, "Roles", "admin"));
    model.put("roles", roles.all());
    return "admin/roles";
  }

  @GetMapping("/admin/roles/{name}")
  String edit(Principal p, @PathVariable String name, HttpServletRequest request, Map<String, Object> model) {
    RolePolicy role = name.equals("new")
        ? new RolePolicy("", "", false, RecordScope.OWN, Map.of(), Map.of(), Map.of(), Set.of())
        : roles.find(name).orElseThrow(() -> new io.steward.records.RecordNotFoundException("role"));
    return form(p, role, name.equals("new"), request, model, null);
  }

  @PostMapping("/admin/roles")
  String save(Principal p, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    String name = param(request, "name").toLowerCase();
    boolean isNew = "true".equals(request.getParameter("isNew"));
    Map<String, Set<ObjectAction>> objects = new LinkedHashMap<>();
    for (String key : objectKeys()) {
      Set<ObjectAction> actions = EnumSet.noneOf(ObjectAction.class);
      for (ObjectAction a : ObjectAction.values()) {
        if (request.getParameter("obj." + key + "." + a.name()) != null) {
          actions.add(a);
        }
      }
      if (!actions.isEmpty() || !key.equals("*")) {
        objects.put(key, actions);
      }
    }
    Map<Classification, FieldLevel> levels = new EnumMap<>(Classification.class);
    for (Classification c : Classification.values()) {
      levels.put(c, FieldLevel.valueOf(param(request, "level." + c.name()).toUpperCase()));
    }
    Map<String, FieldLevel> fields = new TreeMap<>();
    Set<AdminPermission> admin = EnumSet.noneOf(AdminPermission.class);
    for (AdminPermission a : AdminPermission.values()) {
      if (request.getParameter("admin." + a.name()) != null) {
        admin.add(a);
      }
    }
    RolePolicy role;
    try {
      for (String line : param(request, "fields").split("\\R")) {
        if (!line.isBlank()) {
          String[] kv = line.split("=", 2);
          if (kv.length != 2 || !kv[0].strip().matches("[a-zA-Z0-9_]+\\.[a-zA-Z0-9_]+")) {
            throw new AccessRequestException("fields", "Write one override per line, like contact.email = read.");
          }
          fields.put(kv[0].strip(), parseLevel(kv[1]));
        }
      }
      boolean builtin = roles.find(name).map(RolePolicy::builtin).orElse(false);
      if (isNew && roles.find(name).isPresent()) {
        throw new AccessRequestException("name", "A role with this name exists already.");
      }
      role = new RolePolicy(name, param(request, "label").isBlank() ? name : param(request, "label"), builtin,
          RecordScope.valueOf(param(request, "scope").toUpperCase()), objects, levels, fields, admin);
      roles.save(p, role);
    } catch (AccessRequestException | IllegalArgumentException e) {
      response.setStatus(422);
      RolePolicy partial = new RolePolicy(name, param(request, "label"), false, RecordScope.OWN, objects, levels, fields, admin);
      return form(p, partial, isNew, request, model, e.getMessage());
    }
    return "redirect:/admin/roles";
  }

  private String form(Principal p, RolePolicy role, boolean isNew, HttpServletRequest request, Map<String, Object> model, String error) {
    List<ObjectRow> rows = new ArrayList<>();
    for (String key : objectKeys()) {
      List<ActionBox> boxes = new ArrayList<>();
      Set<ObjectAction> held = key.equals("*") ? role.objects().getOrDefault("*", Set.of()) : role.objects().getOrDefault(key, null) == null
          ? Set.of() : role.objects().get(key);
      for (ObjectAction a : ObjectAction.values()) {
        boxes.add(new ActionBox(a.name().toLowerCase(), "obj." + key + "." + a.name(), held.contains(a)));
      }
      rows.add(new ObjectRow(key, key.equals("*") ? "Every object not listed below" : schema.find(key).map(ObjectDef::pluralLabel).orElse(key), boxes));
    }
    List<LevelRow> levels = new ArrayList<>();
    for (Classification c : Classification.values()) {
      levels.add(new LevelRow(c.apiName(), "level." + c.name(), role.classifications().getOrDefault(c, FieldLevel.HIDDEN).name().toLowerCase()));
    }
    StringBuilder overrides = new StringBuilder();
    role.fields().forEach((k, v) -> overrides.append(k).append(" = ").append(v.name().toLowerCase()).append('\n'));
    List<ActionBox> admin = new ArrayList<>();
    for (AdminPermission a : AdminPermission.values()) {
      admin.add(new ActionBox(a.name().toLowerCase().replace('_', ' '), "admin." + a.name(), role.admin().contains(a)));
    }
    PageModel page = pages.page(p, request, isNew ? "New role" : "Role " + role.name(), "admin");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("form", new RoleForm(role.name(), role.label(), role.builtin(), isNew, role.scope().name().toLowerCase(), rows, levels,
        overrides.toString(), admin));
    return "admin/role";
  }

  /** Whether holding a role requires a second factor at sign-in (default, required, not required). */
  @PostMapping("/admin/roles/{name}/mfa")
  String setMfa(Principal p, @PathVariable String name, @org.springframework.web.bind.annotation.RequestParam String mfa) {
    Boolean required = switch (mfa) {
      case "required" -> Boolean.TRUE;
      case "optional" -> Boolean.FALSE;
      default -> null;
    };
    roles.setMfaRequired(p, name, required);
    return "redirect:/admin/roles";
  }

  private List<String> objectKeys() {
    List<String> keys = new ArrayList<>();
    keys.add("*");
    schema.objects().forEach(o -> keys.add(o.apiName()));
    return keys;
  }

  private static FieldLevel parseLevel(String text) {
    try {
      return FieldLevel.valueOf(text.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new AccessRequestException("fields", "A field level is one of hidden, masked, read, edit.");
    }
  }

  private static String param(HttpServletRequest request, String name) {
    String v = request.getParameter(name);
    return v == null ? "" : v.strip();
  }
}
