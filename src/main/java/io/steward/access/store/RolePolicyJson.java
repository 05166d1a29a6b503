package io.steward.access.store;

import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.RecordScope;
import io.steward.access.RolePolicy;
import io.steward.shared.Classification;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A role's policy as a JSON document, readable by people and diffable in schema exports. */
public final class RolePolicyJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RolePolicyJson() {}

  public static String write(RolePolicy p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scope", p.scope().name().toLowerCase());
    Map<String, Object> objects = new TreeMap<>();
    p.objects().forEach((k, v) -> objects.put(k, new TreeSet<>(v.stream().map(a -> a.name().toLowerCase()).toList())));
    doc.put("objects", objects);
    Map<String, String> classes = new LinkedHashMap<>();
    p.classifications().forEach((k, v) -> classes.put(k.apiName(), v.name().toLowerCase()));
    doc.put("classifications", classes);
    Map<String, String> fields = new TreeMap<>();
    p.fields().forEach((k, v) -> fields.put(k, v.name().toLowerCase()));
    doc.put("fields", fields);
    doc.put("admin", new TreeSet<>(p.admin().stream().map(a -> a.name().toLowerCase()).toList()));
    if (p.mfaRequired() != null) {
      doc.put("mfaRequired", p.mfaRequired());
    }
    return JSON.writeValueAsString(doc);
  }

  public static RolePolicy read(String name, String label, boolean builtin, String json) {
    JsonNode doc = JSON.readTree(json);
    Map<String, Set<ObjectAction>> objects = new LinkedHashMap<>();
    doc.path("objects").properties().forEach(e -> {
      Set<ObjectAction> actions = EnumSet.noneOf(ObjectAction.class);
      e.getValue().forEach(a -> actions.add(ObjectAction.valueOf(a.asString().toUpperCase())));
      objects.put(e.getKey(), actions);
    });
    Map<Classification, FieldLevel> classes = new EnumMap<>(Classification.class);
    doc.path("classifications").properties().forEach(e -> classes.put(Classification.fromApiName(e.getKey()), FieldLevel.valueOf(e.getValue().asString().toUpperCase())));
    Map<String, FieldLevel> fields = new LinkedHashMap<>();
    doc.path("fields").properties().forEach(e -> fields.put(e.getKey(), FieldLevel.valueOf(e.getValue().asString().toUpperCase())));
    Set<AdminPermission> admin = EnumSet.noneOf(AdminPermission.class);
    doc.path("admin").forEach(a -> admin.add(AdminPermission.valueOf(a.asString().toUpperCase())));
    Boolean mfaRequired = doc.has("mfaRequired") ? doc.get("mfaRequired").asBoolean() : null;
    return new RolePolicy(name, label, builtin, RecordScope.valueOf(doc.path("scope").asString("own").toUpperCase()), objects, classes, fields, admin,
        mfaRequired);
  }
}
