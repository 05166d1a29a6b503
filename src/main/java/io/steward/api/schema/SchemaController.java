package io.steward.api.schema;

import io.steward.access.AccessPolicy;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.api.problems.ApiException;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The object types and fields the caller can use, read-only: types the caller may not read and fields hidden
 * from the caller are left out; {@code access} says whether the caller only sees a mask, reads or edits the
 * field (sensitive values stay masked until revealed, whatever the level).
 */
@RestController
@RequestMapping(path = "/api/v1/schema", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schema", description = "Object types and their fields, as far as you can see them")
@SecurityRequirement(name = "bearer")
class SchemaController {

  private final SchemaRegistry schema;
  private final AccessPolicy policy;

  SchemaController(SchemaRegistry schema, AccessPolicy policy) {
    this.schema = schema;
    this.policy = policy;
  }

  record ObjectResponse(String apiName, String label, String pluralLabel, String collection, boolean builtin, List<String> titleFields,
      String defaultSort, List<FieldResponse> fields) {}

  record FieldResponse(String apiName, String label, String type, String classification, boolean required, String searchMode,
      boolean sortable, List<String> options, String relationTarget, List<String> purposes, Integer maxLength, BigDecimal min,
      BigDecimal max, String helpText, boolean retired, String access) {}

  @GetMapping
  @Operation(summary = "List object types", description = "Every object type you may read, with its fields.")
  Map<String, Object> objects(Principal p) {
    return Map.of("items", schema.objects().stream().filter(o -> readable(p, o)).map(o -> object(p, o)).toList());
  }

  @GetMapping("/{object}")
  @Operation(summary = "Read one object type", description = "By API name (contact) or collection (contacts).")
  ObjectResponse object(Principal p, @PathVariable String object) {
    return schema.find(object).filter(o -> readable(p, o)).map(o -> object(p, o))
        .orElseThrow(() -> ApiException.notFound("There is no object type by this name that you can read."));
  }

  private boolean readable(Principal p, ObjectDef o) {
    return policy.mayObject(p, o.apiName(), ObjectAction.READ);
  }

  private ObjectResponse object(Principal p, ObjectDef o) {
    List<FieldResponse> fields = o.fields().stream()
        .map(f -> field(f, policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification())))
        .filter(f -> f != null)
        .toList();
    return new ObjectResponse(o.apiName(), o.label(), o.pluralLabel(), o.collection(), o.builtin(), o.titleFields(), o.defaultSort(), fields);
  }

  private static FieldResponse field(FieldDef f, FieldLevel level) {
    if (level == FieldLevel.HIDDEN) {
      return null;
    }
    String access = level.name().toLowerCase(Locale.ROOT);
    return new FieldResponse(f.apiName(), f.label(), f.type().apiName(), f.classification().apiName(), f.required(), f.searchMode().apiName(),
        f.sortable(), f.options(), f.relationTarget(), f.purposes().stream().sorted().toList(), f.maxLength(), f.min(), f.max(), f.helpText(),
        f.retired(), access);
  }
}
