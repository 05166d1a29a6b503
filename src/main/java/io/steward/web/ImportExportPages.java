package io.steward.web;

import io.steward.access.Principal;
import io.steward.imports.CsvExport;
import io.steward.imports.CsvImport;
import io.steward.records.InvalidRecordException;
import io.steward.records.RecordQuery;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** CSV import (upload, dry run, report) and export from the list pages. */
@Controller
class ImportExportPages {

  private final CsvImport imports;
  private final CsvExport export;
  private final SchemaRegistry schema;
  private final WebPages pages;

  ImportExportPages(CsvImport imports, CsvExport export, SchemaRegistry schema, WebPages pages) {
    this.imports = imports;
    this.export = export;
    this.schema = schema;
    this.pages = pages;
  }

  @GetMapping("/o/{collection}/export.csv")
  void exportCsv(Principal p, @PathVariable String collection, @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort, HttpServletResponse response) throws IOException {
    ObjectDef o = schema.require(collection);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + o.collection() + ".csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    export.export(p, o.apiName(), new RecordQuery(Map.of(), q == null || q.isBlank() ? null : q, sort, 0, RecordQuery.MAX_SIZE), out);
    out.flush();
  }

  @GetMapping("/o/{collection}/import")
  String form(Principal p, @PathVariable String collection, HttpServletRequest request, Map<String, Object> model) {
    ObjectDef o = schema.require(collection);
    model.put("page", pages.page(p, request, "Import " + o.pluralLabel().toLowerCase(), o.apiName()));
    model.put("object", o);
    model.put("report", null);
    return "records/import";
  }

  @PostMapping("/o/{collection}/import")
  String upload(Principal p, @PathVariable String collection, @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request, HttpServletResponse response,
      Map<String, Object> model) throws IOException {
    ObjectDef o = schema.require(collection);
    PageModel page = pages.page(p, request, "Import " + o.pluralLabel().toLowerCase(), o.apiName());
    CsvImport.Report report = null;
    try {
      report = imports.importCsv(p, o.apiName(), new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), dryRun);
    } catch (InvalidRecordException e) {
      response.setStatus(400);
      page = page.withFlash("error", e.getMessage());
    }
    model.put("page", page);
    model.put("object", o);
    model.put("report", report);
    return "records/import";
  }
}
