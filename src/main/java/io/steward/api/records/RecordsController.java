package io.steward.api.records;

import io.steward.access.Principal;
import io.steward.api.json.ApiJson;
import io.steward.api.problems.ApiException;
import io.steward.api.problems.ApiProblem;
import io.steward.api.problems.ProblemType;
import io.steward.api.problems.SafeNames;
import io.steward.records.RecordNotFoundException;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.RecordId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Records of every object type, built-in or custom, as flat JSON. Decides nothing: each call goes through
 * {@link RecordService}, which applies the guard, schema, access policy, encryption and audit trail.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Records", description = "Contacts, companies, deals, activities and custom objects. A record is a flat JSON object keyed by "
    + "field API name, plus id, version, createdAt, updatedAt and ownerId. Sensitive values you have not revealed are left out and "
    + "named in 'masked'.")
@SecurityRequirement(name = "bearer")
class RecordsController {

  static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String RECORD = "#/components/schemas/Record";

  private final RecordService records;
  private final SchemaRegistry schema;
  private final ApiJson json;
  private final SafeNames names;

  RecordsController(RecordService records, SchemaRegistry schema, ApiJson json, SafeNames names) {
    this.records = records;
    this.schema = schema;
    this.json = json;
    this.names = names;
  }

  @GetMapping("/{collection}")
  @Operation(summary = "List records", description = "Exact-match filters by searchable field as query parameters (?email=…), q for "
      + "name type-ahead (3+ characters), sort by a sortable field (?sort=lastName, ?sort=-lastName for descending), page from 0 and "
      + "size up to 200. Any other parameter is refused with 400.")
  @Parameter(name = "q", in = ParameterIn.QUERY, description = "Type-ahead over name fields, at least 3 characters")
  @Parameter(name = "sort", in = ParameterIn.QUERY, description = "A sortable field, '-' in front for descending", example = "-lastName")
  @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number from 0", schema = @Schema(type = "integer", defaultValue = "0"))
  @Parameter(name = "size", in = ParameterIn.QUERY, description = "Page size, 1 to 200",
      schema = @Schema(type = "integer", defaultValue = "50", maximum = "200"))
  @ApiResponse(responseCode = "200", description = "A page of records",
      content = @Content(schema = @Schema(ref = "#/components/schemas/RecordPage")))
  Map<String, Object> list(Principal p, @PathVariable @Parameter(description = "contacts, companies, deals, activities or a custom "
      + "object's collection or API name") String collection, HttpServletRequest request) {
    ObjectDef o = object(collection);
    return RecordJson.page(records.list(p, o.apiName(), ListParameters.parse(o, request.getParameterMap(), names)));
  }

  @PostMapping(path = "/{collection}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a record", description = "Field values keyed by API name. id, version, createdAt, updatedAt, ownerId and "
      + "masked are ignored. Answers 201 with the record, a Location and an ETag.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(ref = "#/components/schemas/RecordInput")))
  @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(ref = RECORD)))
  ResponseEntity<Map<String, Object>> create(Principal p, @PathVariable String collection, @RequestBody byte[] body) {
    ObjectDef o = object(collection);
    Map<String, Object> input = knownFields(o, withoutSystemKeys(json.object(body)));
    RecordView v = records.create(p, o.apiName(), input);
    return ResponseEntity.created(URI.create("/api/v1/" + o.collection() + "/" + v.id())).eTag(RecordJson.etag(v.version()))
        .body(RecordJson.render(v));
  }

  @GetMapping("/{collection}/{id}")
  @Operation(summary = "Read a record", description = "404 if there is no such record or it is outside your reach.")
  @ApiResponse(responseCode = "200", description = "The record, with an ETag", content = @Content(schema = @Schema(ref = RECORD)))
  ResponseEntity<Map<String, Object>> get(Principal p, @PathVariable String collection, @PathVariable String id) {
    ObjectDef o = object(collection);
    RecordView v = records.get(p, o.apiName(), id(o, id));
    return ResponseEntity.ok().eTag(RecordJson.etag(v.version())).body(RecordJson.render(v));
  }

  @PatchMapping(path = "/{collection}/{id}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
  @Operation(summary = "Change a record (JSON merge patch)", description = "RFC 7396: fields present are set, null clears a field, "
      + "absent fields stay. Send the version you read as If-Match: \"3\" (or \"version\": 3 in the body); if the record changed "
      + "since, nothing is written and the answer is 409.")
  @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "The ETag you read, e.g. \"3\"")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
      @Content(mediaType = MERGE_PATCH, schema = @Schema(ref = "#/components/schemas/RecordInput")),
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/RecordInput"))})
  @ApiResponse(responseCode = "200", description = "The changed record", content = @Content(schema = @Schema(ref = RECORD)))
  ResponseEntity<Map<String, Object>> update(Principal p, @PathVariable String collection, @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Parameter(hidden = true) String ifMatch, @RequestBody byte[] body) {
    ObjectDef o = object(collection);
    RecordId recordId = id(o, id);
    Map<String, Object> patch = json.object(body);
    Long expected = ExpectedVersion.of(ifMatch, patch.get("version"));
    RecordView v = records.update(p, o.apiName(), recordId, knownFields(o, withoutSystemKeys(patch)), expected);
    return ResponseEntity.ok().eTag(RecordJson.etag(v.version())).body(RecordJson.render(v));
  }

  @DeleteMapping("/{collection}/{id}")
  @Operation(summary = "Delete a record", description = "Deletes the record and destroys its data key, so backups of it become unreadable.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  ResponseEntity<Void> delete(Principal p, @PathVariable String collection, @PathVariable String id) {
    ObjectDef o = object(collection);
    records.delete(p, o.apiName(), id(o, id));
    return ResponseEntity.noContent().build();
  }

  /** Asks to see one masked value; the reason goes to the audit trail. */
  record RevealRequest(@Schema(example = "birthDate") String field, @Schema(example = "Customer asked us to confirm their details") String reason) {}

  @PostMapping(path = "/{collection}/{id}/reveal", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Reveal a masked field", description = "Shows one sensitive value, for a stated reason (at most 300 characters) that "
      + "is recorded in the audit trail. Answers with the record, that field shown.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(implementation = RevealRequest.class)))
  @ApiResponse(responseCode = "200", description = "The record with the field shown", content = @Content(schema = @Schema(ref = RECORD)))
  ResponseEntity<Map<String, Object>> reveal(Principal p, @PathVariable String collection, @PathVariable String id, @RequestBody byte[] body) {
    ObjectDef o = object(collection);
    RecordId recordId = id(o, id);
    RevealRequest r = json.read(body, RevealRequest.class);
    if (r.field() == null || r.field().isBlank()) {
      throw ApiException.invalid("field", "required", "Name the field to reveal.");
    }
    RecordView v = records.reveal(p, o.apiName(), recordId, r.field(), r.reason());
    return ResponseEntity.ok().eTag(RecordJson.etag(v.version())).body(RecordJson.render(v));
  }

  private ObjectDef object(String collection) {
    return schema.find(collection).orElseThrow(() -> ApiException.notFound(
        "There is no collection at this address. GET /api/v1/schema lists the object types you can use."));
  }

  private static RecordId id(ObjectDef o, String id) {
    return RecordId.parse(id).orElseThrow(() -> new RecordNotFoundException(o.label().toLowerCase()));
  }

  /** Refuses a key that names no field, naming it only if it is a plain identifier the guard finds nothing in. */
  /** Keys of a record body that are not fields: the purposes it is held for, and the choice about unjustified values. */
  private static final java.util.Set<String> RECORD_KEYS = java.util.Set.of("purposes", "eraseUnjustified");

  private Map<String, Object> knownFields(ObjectDef o, Map<String, Object> input) {
    for (String key : input.keySet()) {
      if (o.field(key).isEmpty() && !RECORD_KEYS.contains(key)) {
        String name = names.name(key, "(an unknown field)");
        throw new ApiException(ApiProblem.field(ProblemType.BAD_REQUEST, "The request body names a field that " + o.label()
            + " does not have.", name, "unknown-field", "There is no field '" + name + "' on " + o.label() + "."));
      }
    }
    return input;
  }

  private static Map<String, Object> withoutSystemKeys(Map<String, Object> body) {
    Map<String, Object> input = new LinkedHashMap<>(body);
    input.keySet().removeAll(RecordJson.SYSTEM_KEYS);
    return input;
  }
}
