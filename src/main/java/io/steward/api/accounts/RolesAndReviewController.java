package io.steward.api.accounts;

import io.steward.access.AccessPolicy;
import io.steward.access.AccessReview;
import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.access.RecordScope;
import io.steward.access.RolePolicy;
import io.steward.access.Roles;
import io.steward.api.json.ApiJson;
import io.steward.api.problems.ApiException;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Classification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Creating and changing roles, and the access review, for API clients (the same services as the admin pages). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
class RolesAndReviewController {

  private final Roles roles;
  private final AccessReview review;
  private final AccessPolicy policy;
  private final SchemaRegistry schema;
  private final ApiJson json;

  RolesAndReviewController(Roles roles, AccessReview review, AccessPolicy policy, SchemaRegistry schema, ApiJson json) {
    this.roles = roles;
    this.review = review;
    this.policy = policy;
    this.schema = schema;
    this.json = json;
  }

  /** The body of PUT /roles/{name}: the same shape GET /roles answers with. */
  record RoleRequest(String label, String scope, Map<String, List<String>> objects, Map<String, String> classifications,
      Map<String, String> fields, List<String> admin, Boolean mfaRequired) {}

  @PutMapping(path = "/roles/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create or replace a role", description = "Needs the manage-roles permission and a fresh second factor "
      + "(a privileged token). Anything the body does not name is denied.")
  Object saveRole(Principal p, @PathVariable String name, @RequestBody byte[] body) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_ROLES)) {
      throw ApiException.forbidden("Your roles do not allow you to change roles.");
    }
    RoleRequest r = json.read(body, RoleRequest.class);
    boolean builtin = roles.find(name).map(RolePolicy::builtin).orElse(false);
    RolePolicy role = new RolePolicy(name, r.label() == null || r.label().isBlank() ? name : r.label(), builtin,
        parse(RecordScope.class, r.scope() == null ? "own" : r.scope(), "scope"), objects(r.objects()), classifications(r.classifications()),
        fields(r.fields()), admin(r.admin()), r.mfaRequired());
    roles.save(p, role);
    return AccountJson.role(roles.find(name).orElseThrow());
  }

  @GetMapping("/access-review")
  @Operation(summary = "Access review", description = "Everyone's roles in force, grants unused for N days, dormant accounts and "
      + "vendor grants ending within 7 days. Needs the manage-users permission.")
  AccessReview.Report accessReview(Principal p, @RequestParam(defaultValue = "30") int days) {
    requireUsers(p);
    return review.report(Math.max(1, Math.min(days, 3650)));
  }

  @GetMapping("/access-review/fields/{object}/{field}")
  @Operation(summary = "Who can see this field?", description = "Each role's level for the field and how many users hold it now.")
  List<AccessReview.FieldAccessLine> whoCanSee(Principal p, @PathVariable String object, @PathVariable String field) {
    requireUsers(p);
    FieldDef f = schema.find(object).flatMap(o -> o.field(field))
        .orElseThrow(() -> ApiException.notFound("There is no such field. GET /api/v1/schema lists them."));
    return review.whoCanSee(f.objectType(), f.apiName(), f.classification());
  }

  @GetMapping("/users/{id}/access")
  @Operation(summary = "What can this user see?", description = "Per object type: the actions the user may take and each field's level.")
  Map<String, Object> whatCanUserSee(Principal p, @PathVariable String id) {
    requireUsers(p);
    Principal subject = Ids.parse(id).flatMap(review::principalOf)
        .orElseThrow(() -> ApiException.notFound("There is no user with this id."));
    Map<String, Object> objects = new LinkedHashMap<>();
    for (ObjectDef o : schema.objects()) {
      List<String> actions = new ArrayList<>();
      for (ObjectAction a : ObjectAction.values()) {
        if (policy.mayObject(subject, o.apiName(), a)) {
          actions.add(a.name().toLowerCase(Locale.ROOT));
        }
      }
      Map<String, String> fields = new LinkedHashMap<>();
      if (!actions.isEmpty()) {
        o.activeFields().forEach(f -> fields.put(f.apiName(), AccountJson.level(policy.fieldLevel(subject, o.apiName(), f.apiName(), f.classification()))));
      }
      objects.put(o.apiName(), Map.of("actions", actions, "fields", fields));
    }
    return Map.of("user", subject.userId(), "roles", subject.roleNames(), "scope", AccountJson.lower(policy.scope(subject)), "objects", objects);
  }

  private void requireUsers(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_USERS)) {
      throw ApiException.forbidden("Your roles do not allow you to review access.");
    }
  }

  private static Map<String, Set<ObjectAction>> objects(Map<String, List<String>> in) {
    Map<String, Set<ObjectAction>> out = new LinkedHashMap<>();
    if (in != null) {
      in.forEach((type, actions) -> {
        Set<ObjectAction> set = EnumSet.noneOf(ObjectAction.class);
        actions.forEach(a -> set.add(parse(ObjectAction.class, a, "objects")));
        out.put(type, set);
      });
    }
    return out;
  }

  private static Map<Classification, FieldLevel> classifications(Map<String, String> in) {
    Map<Classification, FieldLevel> out = new EnumMap<>(Classification.class);
    if (in != null) {
      in.forEach((c, level) -> out.put(parse(Classification.class, c, "classifications"), parse(FieldLevel.class, level, "classifications")));
    }
    return out;
  }

  private static Map<String, FieldLevel> fields(Map<String, String> in) {
    Map<String, FieldLevel> out = new LinkedHashMap<>();
    if (in != null) {
      in.forEach((f, level) -> {
        if (!f.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
          throw ApiException.invalid("fields", "format", "Name fields as object.field, like contact.email.");
        }
        out.put(f, parse(FieldLevel.class, level, "fields"));
      });
    }
    return out;
  }

  private static Set<AdminPermission> admin(List<String> in) {
    Set<AdminPermission> out = EnumSet.noneOf(AdminPermission.class);
    if (in != null) {
      in.forEach(a -> out.add(parse(AdminPermission.class, a, "admin")));
    }
    return out;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (RuntimeException e) {
      throw ApiException.invalid(field, "unknown", "Unknown value in " + field + "; GET /api/v1/roles shows the accepted ones.");
    }
  }

}
