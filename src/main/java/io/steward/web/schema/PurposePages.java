package io.steward.web.schema;

import io.steward.access.Principal;
import io.steward.schema.InvalidSchemaException;
import io.steward.schema.LegalBasis;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import io.steward.schema.SchemaAdmin;
import io.steward.schema.SchemaRegistry;
import io.steward.web.PageModel;
import io.steward.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Purposes: why the business holds data, with the fields each one covers. */
@Controller
class PurposePages {

  private final SchemaAdmin admin;
  private final SchemaRegistry schema;
  private final WebPages pages;
  private final io.steward.access.AccessPolicy policy;

  PurposePages(SchemaAdmin admin, SchemaRegistry schema, WebPages pages, io.steward.access.AccessPolicy policy) {
    this.policy = policy;
    this.admin = admin;
    this.schema = schema;
    this.pages = pages;
  }

  @GetMapping("/admin/purposes")
  String purposes(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return page(p, request, model, null);
  }

  @PostMapping("/admin/purposes")
  String define(Principal p, @RequestParam String name, @RequestParam String label, @RequestParam(defaultValue = "") String description,
      @RequestParam String basis, @RequestParam(required = false) List<String> fields, HttpServletRequest request,
      HttpServletResponse response, Map<String, Object> model) {
    try {
      admin.definePurpose(p, new PurposeDef(name.strip(), label, description, LegalBasis.parse(basis).orElse(null), false),
          fields == null ? List.of() : fields);
      return "redirect:/admin/purposes";
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return page(p, request, model, e.getMessage());
    }
  }

  @PostMapping("/admin/purposes/{name}")
  String change(Principal p, @PathVariable String name, @RequestParam String label, @RequestParam(defaultValue = "") String description,
      @RequestParam String basis, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    try {
      admin.changePurpose(p, new PurposeDef(name, label, description, LegalBasis.parse(basis).orElse(null), false));
      return "redirect:/admin/purposes";
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return page(p, request, model, e.getMessage());
    }
  }

  private String page(Principal p, HttpServletRequest request, Map<String, Object> model, String error) {
    List<SchemaPageModels.PurposeRow> rows = new ArrayList<>();
    for (PurposeDef def : schema.purposes()) {
      List<String> fields = new ArrayList<>();
      for (ObjectDef o : schema.objects()) {
        o.activeFields().stream().filter(f -> f.purposes().contains(def.name())).forEach(f -> fields.add(o.apiName() + "." + f.apiName()));
      }
      rows.add(new SchemaPageModels.PurposeRow(def, fields));
    }
    Map<String, String> allFields = new LinkedHashMap<>();
    for (ObjectDef o : schema.objects()) {
      o.activeFields().forEach(f -> allFields.put(o.apiName() + "." + f.apiName(), o.label() + ": " + f.label()));
    }
    if (!policy.mayAdmin(p, io.steward.access.AdminPermission.MANAGE_SCHEMA)) {
      throw new io.steward.schema.SchemaAccessDeniedException();
    }
    PageModel page = pages.page(p, request, "Purposes", "schema");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("rows", rows);
    model.put("bases", Arrays.stream(LegalBasis.values()).toList());
    model.put("allFields", allFields);
    return "admin/purposes";
  }
}
