package io.steward.web.schema;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.records.DataInventory;
import io.steward.records.RecordJobs;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.InvalidSchemaException;
import io.steward.schema.ObjectDef;
import io.steward.schema.ObjectSpec;
import io.steward.schema.SchemaAccessDeniedException;
import io.steward.schema.SchemaAdmin;
import io.steward.schema.SchemaRegistry;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import io.steward.web.PageModel;
import io.steward.web.WebPages;
import io.steward.web.schema.SchemaPageModels.FieldPage;
import io.steward.web.schema.SchemaPageModels.FieldRow;
import io.steward.web.schema.SchemaPageModels.ObjectPage;
import io.steward.web.schema.SchemaPageModels.ObjectRow;
import io.steward.web.schema.SchemaPageModels.RetirePage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Schema administration in the browser: object types, their fields (add, change, retire), custom objects and
 * purposes. Every change goes through {@link SchemaAdmin}, which checks the permission, validates and audits.
 */
@Controller
class SchemaPages {

  private final SchemaAdmin admin;
  private final SchemaRegistry schema;
  private final DataInventory inventory;
  private final RecordJobs jobs;
  private final AccessPolicy policy;
  private final WebPages pages;

  SchemaPages(SchemaAdmin admin, SchemaRegistry schema, DataInventory inventory, RecordJobs jobs, AccessPolicy policy, WebPages pages) {
    this.admin = admin;
    this.schema = schema;
    this.inventory = inventory;
    this.jobs = jobs;
    this.policy = policy;
    this.pages = pages;
  }

  @GetMapping("/admin/schema")
  String objects(Principal p, HttpServletRequest request, Map<String, Object> model) {
    return objectsPage(p, request, model, null, null);
  }

  @PostMapping("/admin/schema/objects")
  String createObject(Principal p, @RequestParam String apiName, @RequestParam String label, @RequestParam(defaultValue = "") String pluralLabel,
      @RequestParam(required = false) List<String> defaultPurposes, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) {
    try {
      ObjectDef o = admin.createObject(p, new ObjectSpec(apiName, label, pluralLabel, List.of(), "name",
          defaultPurposes == null ? Set.of() : new LinkedHashSet<>(defaultPurposes), List.of()));
      return "redirect:/admin/schema/" + o.apiName();
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return objectsPage(p, request, model, e.getMessage(), Map.of("apiName", apiName, "label", label, "pluralLabel", pluralLabel));
    }
  }

  @GetMapping("/admin/schema/{object}")
  String object(Principal p, @PathVariable String object, HttpServletRequest request, Map<String, Object> model) {
    return objectPage(p, schema.require(object), request, model, null);
  }

  @PostMapping("/admin/schema/{object}")
  String changeObject(Principal p, @PathVariable String object, @RequestParam String label, @RequestParam String pluralLabel,
      @RequestParam String titleFields, @RequestParam(defaultValue = "") String defaultSort, @RequestParam(required = false) List<String> defaultPurposes,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    try {
      admin.changeObject(p, o.apiName(), new ObjectSpec(o.apiName(), label, pluralLabel, Arrays.asList(titleFields.split(",")), defaultSort,
          defaultPurposes == null ? Set.of() : new LinkedHashSet<>(defaultPurposes), List.of()));
      return "redirect:/admin/schema/" + o.apiName();
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return objectPage(p, o, request, model, e.getMessage());
    }
  }

  @GetMapping("/admin/schema/{object}/fields/new")
  String newField(Principal p, @PathVariable String object, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    return fieldPage(p, o, null, SchemaForms.blank(o.defaultPurposes()), request, model, null);
  }

  @PostMapping("/admin/schema/{object}/fields")
  String addField(Principal p, @PathVariable String object, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    SchemaForms.FieldForm form = SchemaForms.read(request);
    try {
      FieldDef f = admin.addField(p, o.apiName(), SchemaForms.spec(form));
      return "redirect:/admin/schema/" + o.apiName() + "?added=" + f.apiName();
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return fieldPage(p, o, null, SchemaForms.withErrors(form, e), request, model, "Please correct the inputs marked below.");
    }
  }

  @GetMapping("/admin/schema/{object}/fields/{field}")
  String field(Principal p, @PathVariable String object, @PathVariable String field, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    FieldDef f = field(o, field);
    return fieldPage(p, o, f, SchemaForms.of(f), request, model, null);
  }

  @PostMapping("/admin/schema/{object}/fields/{field}")
  String changeField(Principal p, @PathVariable String object, @PathVariable String field, HttpServletRequest request,
      HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    FieldDef f = field(o, field);
    SchemaForms.FieldForm form = SchemaForms.read(request);
    form.values().put("apiName", f.apiName());
    form.values().put("type", f.type().apiName());
    form.values().put("relationTarget", f.relationTarget() == null ? "" : f.relationTarget());
    try {
      admin.changeField(p, o.apiName(), f.apiName(), SchemaForms.spec(form));
      return "redirect:/admin/schema/" + o.apiName() + "?changed=" + f.apiName();
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return fieldPage(p, o, f, SchemaForms.withErrors(form, e), request, model, "Please correct the inputs marked below.");
    }
  }

  @GetMapping("/admin/schema/{object}/fields/{field}/retire")
  String retireForm(Principal p, @PathVariable String object, @PathVariable String field, HttpServletRequest request, Map<String, Object> model) {
    requireSchemaAdmin(p);
    ObjectDef o = schema.require(object);
    FieldDef f = field(o, field);
    model.put("page", pages.page(p, request, "Retire " + f.label(), "schema"));
    model.put("view", new RetirePage(o, f, filled(p).getOrDefault(o.apiName() + "." + f.apiName(), 0L)));
    return "admin/retire";
  }

  @PostMapping("/admin/schema/{object}/fields/{field}/retire")
  String retire(Principal p, @PathVariable String object, @PathVariable String field, @RequestParam(defaultValue = "keep") String values,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    ObjectDef o = schema.require(object);
    FieldDef f = field(o, field);
    try {
      admin.retireField(p, o.apiName(), f.apiName(), values.equals("erase"));
      return "redirect:/admin/schema/" + o.apiName() + "?retired=" + f.apiName();
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      return objectPage(p, o, request, model, e.getMessage());
    }
  }

  // --- pages

  private String objectsPage(Principal p, HttpServletRequest request, Map<String, Object> model, String error, Map<String, String> typed) {
    requireSchemaAdmin(p);
    Map<String, Long> records = new HashMap<>();
    inventory.inventory(p).objects().forEach(o -> records.put(o.apiName(), o.records()));
    List<ObjectRow> rows = schema.objects().stream().map(o -> new ObjectRow(o, o.activeFields().size(),
        (int) o.fields().stream().filter(FieldDef::retired).count(), records.getOrDefault(o.apiName(), 0L))).toList();
    PageModel page = pages.page(p, request, "Schema", "schema");
    model.put("page", error == null ? page : page.withFlash("error", error));
    model.put("objects", rows);
    model.put("purposes", schema.purposes());
    model.put("typed", typed == null ? Map.of() : typed);
    model.put("jobs", jobs.recent());
    return "admin/schema";
  }

  private String objectPage(Principal p, ObjectDef o, HttpServletRequest request, Map<String, Object> model, String error) {
    requireSchemaAdmin(p);
    Map<String, Long> filled = filled(p);
    List<FieldRow> rows = o.fields().stream()
        .map(f -> new FieldRow(f, filled.getOrDefault(o.apiName() + "." + f.apiName(), 0L), "/admin/schema/" + o.apiName() + "/fields/" + f.apiName()))
        .toList();
    PageModel page = pages.page(p, request, o.label(), "schema");
    String done = flash(request);
    page = error != null ? page.withFlash("error", error) : done != null ? page.withFlash("ok", done) : page;
    model.put("page", page);
    model.put("view", new ObjectPage(o, rows, schema.purposes(), error));
    return "admin/object";
  }

  private String fieldPage(Principal p, ObjectDef o, FieldDef existing, SchemaForms.FieldForm form, HttpServletRequest request,
      Map<String, Object> model, String error) {
    requireSchemaAdmin(p);
    PageModel page = pages.page(p, request, existing == null ? "New field on " + o.label() : existing.label(), "schema");
    model.put("page", error == null ? page : page.withFlash("error", error));
    String action = "/admin/schema/" + o.apiName() + "/fields" + (existing == null ? "" : "/" + existing.apiName());
    model.put("view", new FieldPage(o, existing, form, Arrays.stream(FieldType.values()).map(FieldType::apiName).toList(),
        Arrays.stream(Classification.values()).map(Classification::apiName).toList(),
        Arrays.stream(SearchMode.values()).map(SearchMode::apiName).toList(), schema.purposes(),
        schema.objects().stream().map(ObjectDef::apiName).toList(),
        existing == null ? List.of() : admin.history(p, o.apiName(), existing.apiName()), action, error));
    return "admin/field";
  }

  private Map<String, Long> filled(Principal p) {
    Map<String, Long> out = new HashMap<>();
    for (DataInventory.ObjectEntry o : inventory.inventory(p).objects()) {
      for (DataInventory.FieldEntry f : o.fields()) {
        out.put(o.apiName() + "." + f.field(), f.filled());
      }
    }
    return out;
  }

  private static String flash(HttpServletRequest request) {
    String safe = "[A-Za-z0-9]{1,64}";
    String added = request.getParameter("added");
    String changed = request.getParameter("changed");
    String retired = request.getParameter("retired");
    if (added != null && added.matches(safe)) {
      return "Field " + added + " added. It is in force now; existing records were not touched.";
    }
    if (changed != null && changed.matches(safe)) {
      return "Field " + changed + " changed. The change applies to new writes; re-sealing of existing values, if needed, runs in the background.";
    }
    if (retired != null && retired.matches(safe)) {
      return "Field " + retired + " retired.";
    }
    return null;
  }

  private static FieldDef field(ObjectDef o, String field) {
    return o.field(field).orElseThrow(() -> new io.steward.records.RecordNotFoundException("field"));
  }

  private void requireSchemaAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SCHEMA)) {
      throw new SchemaAccessDeniedException();
    }
  }
}
