package io.steward.api;

import io.steward.access.Principal;
import io.steward.records.DataInventory;
import io.steward.records.ForbiddenException;
import io.steward.records.InvalidRecordException;
import io.steward.records.RecordJob;
import io.steward.records.RecordJobs;
import io.steward.records.RecordNotFoundException;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldHistoryEntry;
import io.steward.schema.FieldSpec;
import io.steward.schema.ImportPlan;
import io.steward.schema.InvalidSchemaException;
import io.steward.schema.ObjectDef;
import io.steward.schema.ObjectSpec;
import io.steward.schema.PurposeDef;
import io.steward.schema.SchemaAccessDeniedException;
import io.steward.schema.SchemaAdmin;
import io.steward.schema.SchemaAsCode;
import io.steward.schema.SchemaRegistry;
import io.steward.schema.UnknownObjectTypeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schema administration over REST: custom objects and fields, field changes and retirement, purposes, the data
 * inventory, and schema as code (YAML export; import with a dry run). Decides nothing: {@link SchemaAdmin} checks the
 * permission, validates, versions and audits. Errors are RFC 9457 problem details, mapped here.
 */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schema administration", description = "Custom objects and fields, purposes, data inventory, schema as code")
@SecurityRequirement(name = "bearer")
class SchemaAdminApi {

  private static final String PROBLEMS = "https://steward.dev/problems/";

  private final SchemaAdmin admin;
  private final SchemaRegistry schema;
  private final SchemaAsCode code;
  private final DataInventory inventory;
  private final RecordJobs jobs;

  SchemaAdminApi(SchemaAdmin admin, SchemaRegistry schema, SchemaAsCode code, DataInventory inventory, RecordJobs jobs) {
    this.admin = admin;
    this.schema = schema;
    this.code = code;
    this.inventory = inventory;
    this.jobs = jobs;
  }

  @PostMapping(path = "/schema/objects", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a custom object", description = "apiName (also its collection), label, pluralLabel, defaultPurposes, "
      + "titleFields, defaultSort and fields (as for adding a field). Without fields it gets a required 'name'.")
  ResponseEntity<Map<String, Object>> createObject(Principal p, @RequestBody Map<String, Object> body) {
    SchemaBodies.only(body, "apiName", "label", "pluralLabel", "titleFields", "defaultSort", "defaultPurposes", "fields");
    List<FieldSpec> fields = new ArrayList<>();
    for (Object f : SchemaBodies.list(body, "fields")) {
      fields.add(SchemaBodies.field(SchemaBodies.map(f, "fields"), null));
    }
    ObjectDef o = admin.createObject(p, new ObjectSpec(SchemaBodies.text(body, "apiName"), SchemaBodies.text(body, "label"),
        SchemaBodies.text(body, "pluralLabel"), SchemaBodies.texts(body, "titleFields"), SchemaBodies.text(body, "defaultSort"),
        new java.util.LinkedHashSet<>(SchemaBodies.texts(body, "defaultPurposes")), fields));
    return ResponseEntity.created(URI.create("/api/v1/schema/" + o.apiName())).body(SchemaBodies.render(o));
  }

  @PatchMapping(path = "/schema/objects/{object}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  @Operation(summary = "Change an object's labels, title fields, default sort or default purposes")
  Map<String, Object> changeObject(Principal p, @PathVariable String object, @RequestBody Map<String, Object> body) {
    SchemaBodies.only(body, "label", "pluralLabel", "titleFields", "defaultSort", "defaultPurposes");
    ObjectDef o = schema.require(object);
    ObjectDef changed = admin.changeObject(p, o.apiName(), new ObjectSpec(o.apiName(),
        body.containsKey("label") ? SchemaBodies.text(body, "label") : o.label(),
        body.containsKey("pluralLabel") ? SchemaBodies.text(body, "pluralLabel") : o.pluralLabel(),
        body.containsKey("titleFields") ? SchemaBodies.texts(body, "titleFields") : o.titleFields(),
        body.containsKey("defaultSort") ? SchemaBodies.text(body, "defaultSort") : o.defaultSort(),
        body.containsKey("defaultPurposes") ? new java.util.LinkedHashSet<>(SchemaBodies.texts(body, "defaultPurposes")) : o.defaultPurposes(),
        List.of()));
    return SchemaBodies.render(changed);
  }

  @PostMapping(path = "/schema/objects/{object}/fields", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Add a field", description = "apiName, label, type (text, long-text, number, currency, date, date-time, boolean, "
      + "picklist, multi-picklist, email, phone, url, relation), classification (public, internal, personal, sensitive), required, "
      + "searchMode (none, exact, prefix), sortable, purposes, retentionDays, maxLength, min, max, pattern, options, relationTarget, "
      + "helpText, defaultValue. Existing records are not rewritten.")
  ResponseEntity<Map<String, Object>> addField(Principal p, @PathVariable String object, @RequestBody Map<String, Object> body) {
    ObjectDef o = schema.require(object);
    FieldDef f = admin.addField(p, o.apiName(), SchemaBodies.field(body, null));
    return ResponseEntity.created(URI.create("/api/v1/admin/schema/objects/" + o.apiName() + "/fields/" + f.apiName()))
        .body(SchemaBodies.render(f));
  }

  @GetMapping("/schema/objects/{object}/fields/{field}")
  @Operation(summary = "Read a field's definition, retired or not")
  Map<String, Object> field(Principal p, @PathVariable String object, @PathVariable String field) {
    admin.requireAdmin(p);
    return SchemaBodies.render(schema.require(object).field(field).orElseThrow());
  }

  @PatchMapping(path = "/schema/objects/{object}/fields/{field}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  @Operation(summary = "Change a field", description = "Attributes present are set, absent ones stay. type, apiName and relationTarget are "
      + "fixed. A new classification applies to new writes at once and to existing values by a background re-seal.")
  Map<String, Object> changeField(Principal p, @PathVariable String object, @PathVariable String field, @RequestBody Map<String, Object> body) {
    ObjectDef o = schema.require(object);
    FieldDef current = o.field(field).orElseThrow(() -> InvalidSchemaException.of("field", "unknown-field", "There is no such field."));
    return SchemaBodies.render(admin.changeField(p, o.apiName(), current.apiName(), SchemaBodies.field(body, FieldSpec.of(current))));
  }

  @PostMapping(path = "/schema/objects/{object}/fields/{field}/retire", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Retire a field", description = "Body {\"eraseValues\": false} keeps existing values read-only; true erases them "
      + "from every record in the background (audited). The choice is required.")
  Map<String, Object> retire(Principal p, @PathVariable String object, @PathVariable String field, @RequestBody Map<String, Object> body) {
    SchemaBodies.only(body, "eraseValues");
    if (!(body.get("eraseValues") instanceof Boolean erase)) {
      throw InvalidSchemaException.of("eraseValues", "required", "Say what happens to existing values: \"eraseValues\": false keeps them "
          + "read-only, true erases them.");
    }
    return SchemaBodies.render(admin.retireField(p, schema.require(object).apiName(), field, erase));
  }

  @GetMapping("/schema/objects/{object}/fields/{field}/history")
  @Operation(summary = "Every version of a field's definition")
  List<FieldHistoryEntry> history(Principal p, @PathVariable String object, @PathVariable String field) {
    return admin.history(p, schema.require(object).apiName(), field);
  }

  @GetMapping("/schema/purposes")
  @Operation(summary = "List purposes")
  List<Map<String, Object>> purposes(Principal p) {
    admin.requireAdmin(p);
    return schema.purposes().stream().map(SchemaBodies::render).toList();
  }

  @PostMapping(path = "/schema/purposes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Define a purpose", description = "name, label, description, defaultBasis (consent, contract, legitimate-interest, "
      + "legal-obligation) and servedBy: the fields that serve it, as \"object.field\".")
  ResponseEntity<Map<String, Object>> definePurpose(Principal p, @RequestBody Map<String, Object> body) {
    SchemaBodies.only(body, "name", "label", "description", "defaultBasis", "servedBy");
    PurposeDef d = admin.definePurpose(p, SchemaBodies.purpose(body, null), SchemaBodies.texts(body, "servedBy"));
    return ResponseEntity.created(URI.create("/api/v1/admin/schema/purposes/" + d.name())).body(SchemaBodies.render(d));
  }

  @PatchMapping(path = "/schema/purposes/{name}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  @Operation(summary = "Change a purpose's label, description or default basis")
  Map<String, Object> changePurpose(Principal p, @PathVariable String name, @RequestBody Map<String, Object> body) {
    SchemaBodies.only(body, "label", "description", "defaultBasis");
    PurposeDef current = schema.purpose(name).orElseThrow(() -> InvalidSchemaException.of("name", "unknown-purpose", "There is no such purpose."));
    return SchemaBodies.render(admin.changePurpose(p, SchemaBodies.purpose(body, current)));
  }

  @GetMapping("/inventory")
  @Operation(summary = "The data inventory", description = "Per object and field: classification, values held, unjustified values, "
      + "purposes, retention, roles and readers, flags; per object: exposure and its daily trend.")
  DataInventory.Inventory inventory(Principal p) {
    return inventory.inventory(p);
  }

  @GetMapping(path = "/schema/export", produces = {"application/yaml", MediaType.TEXT_PLAIN_VALUE})
  @Operation(summary = "Export the configuration as YAML", description = "Purposes, objects, fields and roles' permissions.")
  ResponseEntity<String> export(Principal p) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(code.export(p));
  }

  @PostMapping(path = "/schema/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE})
  @Operation(summary = "Import a configuration", description = "dryRun=true (the default) answers with the changes it would make; "
      + "dryRun=false applies them, unless the dry run finds problems (422, nothing applied). An import never deletes.")
  ResponseEntity<ImportPlan> importSchema(Principal p, @RequestParam(defaultValue = "true") boolean dryRun, @RequestBody String yaml) {
    ImportPlan plan = dryRun ? code.plan(p, yaml) : code.apply(p, yaml);
    return ResponseEntity.status(plan.applicable() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(plan);
  }

  @GetMapping("/schema/jobs")
  @Operation(summary = "Recent background rewrites (re-seal, erase) and their progress")
  List<RecordJob> jobs(Principal p) {
    admin.requireAdmin(p);
    return jobs.recent();
  }

  // --- problem details, mapped here so this controller does not depend on the API module's advice

  @ExceptionHandler(InvalidSchemaException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidSchemaException e) {
    ProblemDetail pd = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed", e.getMessage());
    List<Map<String, String>> errors = new ArrayList<>();
    e.problems().forEach(x -> errors.add(Map.of("field", x.field(), "code", x.code(), "message", x.message())));
    pd.setProperty("errors", errors);
    return entity(pd);
  }

  @ExceptionHandler({SchemaAccessDeniedException.class, ForbiddenException.class})
  ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
    return entity(problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", e.getMessage()));
  }

  @ExceptionHandler({UnknownObjectTypeException.class, RecordNotFoundException.class, java.util.NoSuchElementException.class})
  ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
    return entity(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no such object type, field or purpose."));
  }

  @ExceptionHandler(InvalidRecordException.class)
  ResponseEntity<ProblemDetail> invalidRecord(InvalidRecordException e) {
    return entity(problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed", e.getMessage()));
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, SchemaBodies.BadBodyException.class})
  ResponseEntity<ProblemDetail> malformed(Exception e) {
    String detail = e instanceof SchemaBodies.BadBodyException ? e.getMessage() : "The request body is not valid JSON of the expected shape.";
    return entity(problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return entity(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
        "Send JSON (schema changes) or YAML (imports)."));
  }

  private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
    pd.setType(URI.create(PROBLEMS + slug));
    pd.setTitle(title);
    return pd;
  }

  private static ResponseEntity<ProblemDetail> entity(ProblemDetail pd) {
    return ResponseEntity.status(pd.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
  }
}
