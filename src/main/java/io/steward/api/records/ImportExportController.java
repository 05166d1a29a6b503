package io.steward.api.records;

import io.steward.access.Principal;
import io.steward.api.problems.ApiException;
import io.steward.api.problems.SafeNames;
import io.steward.imports.CsvExport;
import io.steward.imports.CsvImport;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CSV export and import of any object type, through the record service like every other way in. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Import and export")
@SecurityRequirement(name = "bearer")
class ImportExportController {

  private final CsvExport export;
  private final CsvImport imports;
  private final SchemaRegistry schema;
  private final SafeNames names;

  ImportExportController(CsvExport export, CsvImport imports, SchemaRegistry schema, SafeNames names) {
    this.export = export;
    this.imports = imports;
    this.schema = schema;
    this.names = names;
  }

  @GetMapping(path = "/{collection}/export", produces = "text/csv")
  @Operation(summary = "Export as CSV", description = "Takes the same filters, q and sort as the list. Needs the export permission; "
      + "sensitive columns only with the export-sensitive power. Every exported record is audited.")
  void exportCsv(Principal p, @PathVariable String collection, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectDef o = object(collection);
    var query = ListParameters.parse(o, request.getParameterMap(), names);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + o.collection() + ".csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    export.export(p, o.apiName(), query, out);
    out.flush();
  }

  @PostMapping(path = "/{collection}/import", consumes = "text/csv", produces = "application/json")
  @Operation(summary = "Import CSV", description = "A header row names fields by API name or label; each row becomes a record through "
      + "the same checks as POST. Rows that fail are reported by row, field and reason (never by value); the others are imported. "
      + "dryRun=true checks every row and stores nothing. Bodies are limited to 1 MiB: split larger files.")
  CsvImport.Report importCsv(Principal p, @PathVariable String collection, @RequestParam(defaultValue = "false") boolean dryRun,
      HttpServletRequest request) throws IOException {
    ObjectDef o = object(collection);
    return imports.importCsv(p, o.apiName(), new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), dryRun);
  }

  private ObjectDef object(String collection) {
    return schema.find(collection).orElseThrow(() -> ApiException.notFound(
        "There is no collection at this address. GET /api/v1/schema lists the object types you can use."));
  }
}
