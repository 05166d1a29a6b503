package io.steward.web.schema;

import io.steward.access.Principal;
import io.steward.schema.ImportPlan;
import io.steward.schema.InvalidSchemaException;
import io.steward.schema.SchemaAsCode;
import io.steward.web.PageModel;
import io.steward.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Schema as code in the browser: download the YAML; upload one, see the dry-run diff, then apply it. */
@Controller
class SchemaCodePages {

  private final SchemaAsCode code;
  private final io.steward.schema.SchemaAdmin admin;
  private final WebPages pages;

  SchemaCodePages(SchemaAsCode code, io.steward.schema.SchemaAdmin admin, WebPages pages) {
    this.code = code;
    this.admin = admin;
    this.pages = pages;
  }

  @GetMapping("/admin/schema/export")
  ResponseEntity<byte[]> export(Principal p) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"steward-schema.yaml\"")
        .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
        .body(code.export(p).getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping("/admin/schema/import")
  String importForm(Principal p, HttpServletRequest request, Map<String, Object> model) {
    admin.requireAdmin(p);
    model.put("page", pages.page(p, request, "Import schema", "schema"));
    model.put("plan", null);
    model.put("yaml", "");
    return "admin/import";
  }

  @PostMapping("/admin/schema/import")
  String dryRun(Principal p, @RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String yaml,
      HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) throws IOException {
    String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : yaml;
    return show(p, text, false, request, response, model);
  }

  @PostMapping("/admin/schema/import/apply")
  String apply(Principal p, @RequestParam String yaml, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    return show(p, yaml, true, request, response, model);
  }

  private String show(Principal p, String yaml, boolean apply, HttpServletRequest request, HttpServletResponse response, Map<String, Object> model) {
    PageModel page = pages.page(p, request, apply ? "Schema imported" : "Import schema: dry run", "schema");
    try {
      ImportPlan plan = apply ? code.apply(p, yaml) : code.plan(p, yaml);
      if (!plan.applicable()) {
        response.setStatus(422);
        page = page.withFlash("error", "The file cannot be imported as it is; nothing was changed.");
      } else if (plan.applied()) {
        page = page.withFlash("ok", plan.changes().size() + " changes applied.");
      } else if (plan.changes().isEmpty()) {
        page = page.withFlash("ok", "This Steward already has this configuration; there is nothing to import.");
      }
      model.put("plan", plan);
    } catch (InvalidSchemaException e) {
      response.setStatus(422);
      page = page.withFlash("error", e.getMessage());
      model.put("plan", null);
    }
    model.put("page", page);
    model.put("yaml", yaml);
    return "admin/import";
  }
}
