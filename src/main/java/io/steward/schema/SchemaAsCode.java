package io.steward.schema;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.access.RolePolicy;
import io.steward.access.Roles;
import io.steward.schema.ImportPlan.Change;
import io.steward.schema.InvalidSchemaException.Problem;
import io.steward.schema.code.SchemaDocument;
import io.steward.schema.rules.FieldRules;
import io.steward.schema.rules.ObjectRules;
import io.steward.schema.store.SchemaStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schema as code: the whole configuration (purposes, objects, fields, roles' field permissions) exported as YAML,
 * and imported into another Steward after a dry-run diff. An import only adds and changes; it never deletes. A field
 * marked retired in the file is retired here with its values kept; a field missing from the file is left alone.
 */
@Service
public class SchemaAsCode {

  private final SchemaRegistry registry;
  private final SchemaAdmin admin;
  private final SchemaStore store;
  private final Roles roles;
  private final AccessPolicy policy;

  SchemaAsCode(SchemaRegistry registry, SchemaAdmin admin, SchemaStore store, Roles roles, AccessPolicy policy) {
    this.registry = registry;
    this.admin = admin;
    this.store = store;
    this.roles = roles;
    this.policy = policy;
  }

  public String export(Principal p) {
    admin.requireAdmin(p);
    return new SchemaDocument(registry.purposes(), registry.objects(), roles.all()).render();
  }

  /** The dry run: what importing {@code yaml} would change, and any problems that would stop it. */
  @Transactional(readOnly = true)
  public ImportPlan plan(Principal p, String yaml) {
    admin.requireAdmin(p);
    return diff(p, read(yaml)).plan(false);
  }

  /** Applies the file if its dry run has no problems; otherwise applies nothing and returns the problems. */
  @Transactional
  public ImportPlan apply(Principal p, String yaml) {
    admin.requireAdmin(p);
    Diff d = diff(p, read(yaml));
    if (!d.problems.isEmpty() || d.changes.isEmpty()) {
      return d.plan(false);
    }
    for (PurposeDef x : d.newPurposes) {
      store.insertPurpose(new PurposeDef(x.name(), x.label(), x.description(), x.defaultBasis(), false));
    }
    d.changedPurposes.forEach(store::updatePurpose);
    for (ObjectDef o : d.newObjects) {
      store.insertObject(new ObjectDef(o.apiName(), o.label(), o.pluralLabel(), o.collection(), false, o.titleFields(), o.defaultSort(),
          o.defaultPurposes(), List.of()));
    }
    for (FieldDef f : d.newFields) {
      FieldDef placed = new FieldDef(f.objectType(), f.apiName(), f.label(), f.type(), f.classification(), f.required(), f.searchMode(),
          f.sortable(), f.purposes(), f.retentionDays(), f.maxLength(), f.min(), f.max(), f.pattern(), f.options(), f.relationTarget(),
          f.helpText(), f.defaultValue(), store.nextPosition(f.objectType()), f.retired());
      store.insertField(placed);
      store.insertHistory(placed, 1, "imported", p.actorId());
    }
    for (FieldDef[] pair : d.changedFields) {
      admin.write(p, pair[0], pair[1], pair[1].retired() ? "retired-keep" : "imported");
    }
    d.changedObjects.forEach(store::updateObject);
    for (RolePolicy r : d.roles) {
      roles.save(r);
    }
    admin.changed(p, null, List.of(), Map.of("change", "schema-imported", "changes", Integer.toString(d.changes.size()),
        "summary", d.changes.stream().map(c -> c.kind() + " " + c.target()).collect(Collectors.joining("; "))));
    return d.plan(true);
  }

  private static SchemaDocument read(String yaml) {
    try {
      return SchemaDocument.parse(yaml);
    } catch (SchemaDocument.UnreadableException e) {
      throw InvalidSchemaException.of("file", "unreadable", e.getMessage());
    }
  }

  /** Everything the file would change, checked as the schema will be after the import. */
  private Diff diff(Principal p, SchemaDocument doc) {
    Diff d = new Diff();
    Map<String, PurposeDef> purposes = new LinkedHashMap<>();
    registry.purposes().forEach(x -> purposes.put(x.name(), x));
    for (PurposeDef x : doc.purposes()) {
      PurposeDef here = purposes.get(x.name());
      if (here == null) {
        if (!FieldRules.API_NAME.matcher(x.name()).matches()) {
          d.problems.add(new Problem("purposes." + safe(x.name()), "api-name", "Purpose names start with a lower-case letter and hold only letters and digits."));
        }
        d.newPurposes.add(x);
        d.changes.add(new Change("add-purpose", x.name(), x.label() + " (" + x.defaultBasis().label().toLowerCase() + ")"));
      } else if (!here.label().equals(x.label()) || !here.description().equals(x.description()) || here.defaultBasis() != x.defaultBasis()) {
        PurposeDef changed = new PurposeDef(here.name(), x.label(), x.description(), x.defaultBasis(), here.builtin());
        d.changedPurposes.add(changed);
        d.changes.add(new Change("change-purpose", x.name(), differences(Map.of("label", here.label(), "description", here.description(),
            "defaultBasis", here.defaultBasis().apiName()), Map.of("label", x.label(), "description", x.description(), "defaultBasis",
            x.defaultBasis().apiName()))));
      }
      purposes.put(x.name(), x);
    }
    Set<String> objectNames = new HashSet<>();
    registry.objects().forEach(o -> objectNames.add(o.apiName()));
    doc.objects().forEach(o -> objectNames.add(o.apiName()));
    FieldRules.Context ctx = new FieldRules.Context(objectNames, purposes.keySet());
    List<ObjectDef> pending = new ArrayList<>(registry.objects());
    for (ObjectDef o : doc.objects()) {
      ObjectDef here = registry.find(o.apiName()).filter(x -> x.apiName().equals(o.apiName())).orElse(null);
      ObjectSpec settings = new ObjectSpec(o.apiName(), o.label(), o.pluralLabel(), o.titleFields(), o.defaultSort(), o.defaultPurposes(), List.of());
      if (here == null) {
        newObject(d, o, settings, pending, ctx, purposes);
        pending.add(o);
      } else {
        existingObject(d, here, o, settings, ctx, purposes);
      }
    }
    Set<String> inFile = doc.objects().stream().map(ObjectDef::apiName).collect(Collectors.toSet());
    registry.objects().stream().filter(o -> !inFile.contains(o.apiName()))
        .forEach(o -> d.notes.add("Object " + o.apiName() + " is not in the file and stays as it is."));
    Map<String, RolePolicy> currentRoles = new HashMap<>();
    roles.all().forEach(r -> currentRoles.put(r.name(), r));
    for (RolePolicy r : doc.roles()) {
      RolePolicy here = currentRoles.get(r.name());
      if (here == null || !here.equals(new RolePolicy(r.name(), r.label(), here.builtin(), r.scope(), r.objects(), r.classifications(), r.fields(),
          r.admin()))) {
        d.roles.add(here == null ? new RolePolicy(r.name(), r.label(), false, r.scope(), r.objects(), r.classifications(), r.fields(), r.admin())
            : new RolePolicy(r.name(), r.label(), here.builtin(), r.scope(), r.objects(), r.classifications(), r.fields(), r.admin()));
        d.changes.add(new Change(here == null ? "add-role" : "change-role", r.name(), here == null ? r.label()
            : roleDifferences(here, r)));
      }
    }
    if (!d.roles.isEmpty() && !policy.mayAdmin(p, AdminPermission.MANAGE_ROLES)) {
      d.problems.add(new Problem("roles", "forbidden", "The file changes roles, and your roles do not allow you to manage roles."));
    }
    return d;
  }

  private void newObject(Diff d, ObjectDef o, ObjectSpec settings, List<ObjectDef> pending, FieldRules.Context ctx, Map<String, PurposeDef> purposes) {
    String where = "objects." + safe(o.apiName());
    ObjectRules.checkNew(settings, pending).forEach(pr -> d.problems.add(new Problem(where + "." + pr.field(), pr.code(), pr.message())));
    if (!o.collection().equals(o.apiName())) {
      d.problems.add(new Problem(where + ".collection", "collection", "A new object's collection is its API name."));
    }
    Set<String> names = new HashSet<>();
    for (FieldDef f : o.fields()) {
      FieldRules.check(FieldSpec.of(f), null, names, ctx).forEach(pr -> d.problems.add(new Problem(where + ".fields." + safe(f.apiName()) + "."
          + pr.field(), pr.code(), pr.message())));
      names.add(f.apiName());
      d.newFields.add(f);
    }
    ObjectRules.checkSettings(settings, o.fields(), purposes).forEach(pr -> d.problems.add(new Problem(where + "." + pr.field(), pr.code(),
        pr.message())));
    d.newObjects.add(o);
    d.changes.add(new Change("add-object", o.apiName(), o.label() + " with " + o.fields().size() + " fields"));
  }

  private void existingObject(Diff d, ObjectDef here, ObjectDef o, ObjectSpec settings, FieldRules.Context ctx, Map<String, PurposeDef> purposes) {
    String where = "objects." + here.apiName();
    List<FieldDef> future = new ArrayList<>(here.fields());
    Set<String> names = here.fields().stream().map(FieldDef::apiName).collect(Collectors.toCollection(HashSet::new));
    for (FieldDef f : o.fields()) {
      FieldDef current = here.field(f.apiName()).orElse(null);
      String target = here.apiName() + "." + f.apiName();
      if (current == null) {
        FieldRules.check(FieldSpec.of(f), null, names, ctx).forEach(pr -> d.problems.add(new Problem(where + ".fields." + safe(f.apiName()) + "."
            + pr.field(), pr.code(), pr.message())));
        names.add(f.apiName());
        d.newFields.add(f);
        future.add(f);
        d.changes.add(new Change("add-field", target, f.label() + " (" + f.type().apiName() + ", " + f.classification().apiName() + ")"));
        continue;
      }
      String before = io.steward.schema.store.SchemaStore.toJson(current);
      String after = io.steward.schema.store.SchemaStore.toJson(f);
      if (before.equals(after)) {
        continue;
      }
      if (current.retired() && !f.retired()) {
        d.problems.add(new Problem(where + ".fields." + f.apiName(), "retired", f.label() + " is retired here; a retired field cannot be brought back."));
        continue;
      }
      FieldDef next = new FieldDef(current.objectType(), current.apiName(), f.label(), f.type(), f.classification(), f.required(), f.searchMode(),
          f.sortable(), f.purposes(), f.retentionDays(), f.maxLength(), f.min(), f.max(), f.pattern(), f.options(), f.relationTarget(),
          f.helpText(), f.defaultValue(), current.position(), f.retired());
      if (!current.retired()) {
        FieldRules.check(FieldSpec.of(next), current, Set.of(), ctx).forEach(pr -> d.problems.add(new Problem(where + ".fields." + f.apiName() + "."
            + pr.field(), pr.code(), pr.message())));
      }
      d.changedFields.add(new FieldDef[] {current, next});
      future.replaceAll(x -> x.apiName().equals(next.apiName()) ? next : x);
      d.changes.add(new Change(f.retired() && !current.retired() ? "retire-field" : "change-field", target, f.retired() && !current.retired()
          ? "retired, values kept read-only" : differences(fieldMap(current), fieldMap(next))));
    }
    ObjectDef next = new ObjectDef(here.apiName(), o.label(), o.pluralLabel(), here.collection(), here.builtin(), o.titleFields(), o.defaultSort(),
        o.defaultPurposes(), future);
    if (!describe(here).equals(describe(next))) {
      ObjectRules.checkSettings(settings, future, purposes).forEach(pr -> d.problems.add(new Problem(where + "." + pr.field(), pr.code(),
          pr.message())));
      d.changedObjects.add(next);
      d.changes.add(new Change("change-object", here.apiName(), differences(objectMap(here), objectMap(next))));
    }
  }

  private static Map<String, String> fieldMap(FieldDef f) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("label", f.label());
    m.put("classification", f.classification().apiName());
    m.put("required", String.valueOf(f.required()));
    m.put("searchMode", f.searchMode().apiName());
    m.put("sortable", String.valueOf(f.sortable()));
    m.put("purposes", String.join(",", f.purposes().stream().sorted().toList()));
    m.put("retentionDays", String.valueOf(f.retentionDays()));
    m.put("maxLength", String.valueOf(f.maxLength()));
    m.put("min", f.min() == null ? "null" : f.min().toPlainString());
    m.put("max", f.max() == null ? "null" : f.max().toPlainString());
    m.put("pattern", String.valueOf(f.pattern()));
    m.put("options", String.join(",", f.options()));
    m.put("helpText", String.valueOf(f.helpText()));
    m.put("defaultValue", String.valueOf(f.defaultValue()));
    return m;
  }

  private static Map<String, String> objectMap(ObjectDef o) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("label", o.label());
    m.put("pluralLabel", o.pluralLabel());
    m.put("titleFields", String.join(",", o.titleFields()));
    m.put("defaultSort", String.valueOf(o.defaultSort()));
    m.put("defaultPurposes", String.join(",", o.defaultPurposes().stream().sorted().toList()));
    return m;
  }

  private static String describe(ObjectDef o) {
    return objectMap(o).toString();
  }

  private static String differences(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    before.forEach((k, v) -> {
      if (!Objects.equals(v, after.get(k))) {
        out.add(k + ": " + v + " → " + after.get(k));
      }
    });
    return String.join("; ", out);
  }

  private static String roleDifferences(RolePolicy a, RolePolicy b) {
    List<String> out = new ArrayList<>();
    if (!a.label().equals(b.label())) {
      out.add("label: " + a.label() + " → " + b.label());
    }
    if (a.scope() != b.scope()) {
      out.add("scope: " + a.scope() + " → " + b.scope());
    }
    if (!a.objects().equals(b.objects())) {
      out.add("object permissions");
    }
    if (!a.classifications().equals(b.classifications())) {
      out.add("classification levels");
    }
    Set<String> keys = new java.util.TreeSet<>(a.fields().keySet());
    keys.addAll(b.fields().keySet());
    for (String k : keys) {
      if (!Objects.equals(a.fields().get(k), b.fields().get(k))) {
        out.add(k + ": " + a.fields().get(k) + " → " + b.fields().get(k));
      }
    }
    if (!a.admin().equals(b.admin())) {
      out.add("admin permissions");
    }
    return String.join("; ", out);
  }

  private static String safe(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("[^A-Za-z0-9_.\\-]", "?");
  }

  /** The differences found, grouped by what applying them writes. */
  private static final class Diff {
    final List<Change> changes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<PurposeDef> newPurposes = new ArrayList<>();
    final List<PurposeDef> changedPurposes = new ArrayList<>();
    final List<ObjectDef> newObjects = new ArrayList<>();
    final List<ObjectDef> changedObjects = new ArrayList<>();
    final List<FieldDef> newFields = new ArrayList<>();
    final List<FieldDef[]> changedFields = new ArrayList<>();
    final List<RolePolicy> roles = new ArrayList<>();

    ImportPlan plan(boolean applied) {
      return new ImportPlan(changes, notes, problems, applied);
    }
  }
}
