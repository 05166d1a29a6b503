package io.steward.schema;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.schema.InvalidSchemaException.Problem;
import io.steward.schema.rules.FieldRules;
import io.steward.schema.rules.ObjectRules;
import io.steward.schema.store.SchemaStore;
import io.steward.shared.Classification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Changes to the schema: custom objects and fields, field changes and retirement, purposes. Every change is
 * validated, versioned (field_def_history), audited with before and after, and in force on every node within
 * seconds without a restart. No change rewrites or blocks existing records: values live in JSON documents, so a new
 * field is only metadata; re-sealing after a classification change and erasing a retired field's values run in
 * the background in the records module.
 */
@Service
public class SchemaAdmin {

  private final SchemaStore store;
  private final SchemaRegistry registry;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SchemaAdmin(SchemaStore store, SchemaRegistry registry, AccessPolicy policy, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.policy = policy;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  // --- objects

  /** Creates a custom object type; its collection (URL segment) is its API name. Without fields it gets a required "name". */
  @Transactional
  public ObjectDef createObject(Principal p, ObjectSpec spec) {
    requireAdmin(p);
    List<Problem> problems = new ArrayList<>(ObjectRules.checkNew(spec, registry.objects()));
    List<FieldSpec> fieldSpecs = spec.fields().isEmpty() ? List.of(defaultNameField(spec.defaultPurposes())) : spec.fields();
    ObjectSpec settled = new ObjectSpec(spec.apiName(), spec.label(), spec.pluralLabel(),
        spec.titleFields().isEmpty() ? List.of(fieldSpecs.get(0).apiName()) : spec.titleFields(), spec.defaultSort(), spec.defaultPurposes(),
        fieldSpecs);
    Set<String> types = registry.objects().stream().map(ObjectDef::apiName).collect(Collectors.toCollection(LinkedHashSet::new));
    types.add(spec.apiName());
    FieldRules.Context ctx = new FieldRules.Context(types, purposeNames());
    List<FieldDef> fields = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (FieldSpec f : fieldSpecs) {
      for (Problem pr : FieldRules.check(f, null, names, ctx)) {
        problems.add(new Problem("fields." + f.apiName() + "." + pr.field(), pr.code(), pr.message()));
      }
      names.add(f.apiName());
      fields.add(f.toDef(spec.apiName(), fields.size(), false));
    }
    problems.addAll(ObjectRules.checkSettings(settled, fields, purposeMap()));
    throwIfAny(problems);
    ObjectDef o = new ObjectDef(spec.apiName(), settled.label(), settled.pluralLabel(), spec.apiName(), false, settled.titleFields(),
        settled.defaultSort(), settled.defaultPurposes(), fields);
    store.insertObject(o);
    for (FieldDef f : fields) {
      store.insertField(f);
      store.insertHistory(f, 1, "added", p.actorId());
    }
    changed(p, o.apiName(), List.of(), Map.of("change", "object-created", "object", o.apiName(), "fields", String.join(",", names)));
    return o;
  }

  /** Changes an object's labels, title fields, default sort and default purposes. */
  @Transactional
  public ObjectDef changeObject(Principal p, String objectType, ObjectSpec spec) {
    requireAdmin(p);
    ObjectDef before = registry.require(objectType);
    throwIfAny(ObjectRules.checkSettings(spec, before.fields(), purposeMap()));
    ObjectDef after = new ObjectDef(before.apiName(), spec.label(), spec.pluralLabel(), before.collection(), before.builtin(), spec.titleFields(),
        spec.defaultSort(), spec.defaultPurposes(), before.fields());
    store.updateObject(after);
    changed(p, before.apiName(), List.of(), Map.of("change", "object-changed", "before", describe(before), "after", describe(after)));
    return after;
  }

  // --- fields

  /** Adds a field to any object, built-in or custom. Only metadata is written: existing records are not touched. */
  @Transactional
  public FieldDef addField(Principal p, String objectType, FieldSpec spec) {
    requireAdmin(p);
    ObjectDef o = registry.require(objectType);
    Set<String> siblings = o.fields().stream().map(FieldDef::apiName).collect(Collectors.toSet());
    throwIfAny(FieldRules.check(spec, null, siblings, context()));
    FieldDef f = spec.toDef(o.apiName(), store.nextPosition(o.apiName()), false);
    store.insertField(f);
    store.insertHistory(f, 1, "added", p.actorId());
    changed(p, o.apiName(), List.of(f.apiName()), Map.of("change", "field-added", "after", SchemaStore.toJson(f)));
    return f;
  }

  /**
   * Changes a field's definition. Its type and relation target are fixed. Validation changes apply to new writes;
   * a new classification applies to new writes at once and to existing values by a background re-seal.
   */
  @Transactional
  public FieldDef changeField(Principal p, String objectType, String field, FieldSpec spec) {
    requireAdmin(p);
    ObjectDef o = registry.require(objectType);
    FieldDef before = requireField(o, field);
    FieldSpec fixed = new FieldSpec(before.apiName(), spec.label(), before.type(), spec.classification(), spec.required(), spec.searchMode(),
        spec.sortable(), spec.purposes(), spec.retentionDays(), spec.maxLength(), spec.min(), spec.max(), spec.pattern(), spec.options(),
        before.relationTarget(), spec.helpText(), spec.defaultValue());
    List<Problem> problems = new ArrayList<>();
    if (spec.type() != null && spec.type() != before.type()) {
      problems.add(new Problem("type", "type-fixed", "A field's type cannot change once it holds data; retire it and add a new field."));
    }
    problems.addAll(FieldRules.check(fixed, before, Set.of(), context()));
    if (fixed.classification() == Classification.SENSITIVE && o.titleFields().contains(before.apiName())) {
      problems.add(new Problem("classification", "sensitive-title", "A field that names records cannot be sensitive; change the title fields first."));
    }
    throwIfAny(problems);
    FieldDef after = fixed.toDef(o.apiName(), before.position(), false);
    return write(p, before, after, "changed");
  }

  /**
   * Retires a field: it leaves forms and lists and takes no new values. Its existing values stay readable unless
   * {@code eraseValues}, in which case every record holding one is rewritten without it, in the background.
   */
  @Transactional
  public FieldDef retireField(Principal p, String objectType, String field, boolean eraseValues) {
    requireAdmin(p);
    ObjectDef o = registry.require(objectType);
    FieldDef before = requireField(o, field);
    if (before.retired()) {
      throw InvalidSchemaException.of("apiName", "retired", before.label() + " is already retired.");
    }
    if (o.titleFields().contains(before.apiName())) {
      throw InvalidSchemaException.of("apiName", "title-field", before.label() + " names " + o.pluralLabel().toLowerCase()
          + "; choose other title fields before retiring it.");
    }
    FieldDef after = before.retire();
    write(p, before, after, eraseValues ? "retired-erase" : "retired-keep");
    events.publishEvent(new FieldRetired(p, after, eraseValues));
    return after;
  }

  /** Replaces a picklist's options (e.g. the deal stages); existing values are kept as they are. */
  @Transactional
  public void setOptions(Principal p, String objectType, String field, List<String> options) {
    FieldDef f = registry.require(objectType).field(field).orElseThrow(() -> InvalidSchemaException.of("field", "unknown-field", "No field " + field));
    FieldSpec s = FieldSpec.of(f);
    changeField(p, objectType, field, new FieldSpec(s.apiName(), s.label(), s.type(), s.classification(), s.required(), s.searchMode(), s.sortable(),
        s.purposes(), s.retentionDays(), s.maxLength(), s.min(), s.max(), s.pattern(), options, s.relationTarget(), s.helpText(), s.defaultValue()));
  }

  public List<FieldHistoryEntry> history(Principal p, String objectType, String field) {
    requireAdmin(p);
    ObjectDef o = registry.require(objectType);
    requireField(o, field);
    return store.history(o.apiName(), field).stream()
        .map(v -> new FieldHistoryEntry(v.version(), v.change(), v.definition(), v.changedBy(), v.changedAt().toInstant()))
        .toList();
  }

  // --- purposes

  /** Defines a new purpose; {@code servedBy} lists "object.field" names that serve it (a template, like newsletter's three). */
  @Transactional
  public PurposeDef definePurpose(Principal p, PurposeDef purpose, List<String> servedBy) {
    requireAdmin(p);
    List<Problem> problems = new ArrayList<>();
    if (!FieldRules.API_NAME.matcher(purpose.name()).matches()) {
      problems.add(new Problem("name", "api-name", "A purpose name starts with a lower-case letter and holds only letters and digits."));
    } else if (registry.purpose(purpose.name()).isPresent()) {
      problems.add(new Problem("name", "duplicate", "There is already a purpose named '" + purpose.name() + "'."));
    }
    checkPurposeText(purpose, problems);
    List<FieldDef> fields = new ArrayList<>();
    for (String q : servedBy == null ? List.<String>of() : servedBy) {
      FieldDef f = qualified(q);
      if (f == null || f.retired()) {
        problems.add(new Problem("servedBy", "unknown-field", "There is no active field '" + q.replaceAll("[^A-Za-z0-9.]", "?") + "'."));
      } else {
        fields.add(f);
      }
    }
    throwIfAny(problems);
    PurposeDef stored = new PurposeDef(purpose.name(), purpose.label(), purpose.description(), purpose.defaultBasis(), false);
    store.insertPurpose(stored);
    for (FieldDef f : fields) {
      Set<String> purposes = new LinkedHashSet<>(f.purposes());
      purposes.add(stored.name());
      write(p, f, withPurposes(f, purposes), "purpose-added");
    }
    changed(p, null, List.of(), Map.of("change", "purpose-defined", "purpose", stored.name(), "basis", stored.defaultBasis().apiName(),
        "servedBy", String.join(",", servedBy == null ? List.of() : servedBy)));
    return stored;
  }

  @Transactional
  public PurposeDef changePurpose(Principal p, PurposeDef purpose) {
    requireAdmin(p);
    PurposeDef before = registry.purpose(purpose.name())
        .orElseThrow(() -> InvalidSchemaException.of("name", "unknown-purpose", "There is no purpose by this name."));
    List<Problem> problems = new ArrayList<>();
    checkPurposeText(purpose, problems);
    if (purpose.defaultBasis() == LegalBasis.CONSENT && registry.objects().stream().anyMatch(o -> o.defaultPurposes().contains(before.name()))) {
      problems.add(new Problem("defaultBasis", "consent-default", before.label() + " is a default purpose of an object type; "
          + "a purpose held on consent cannot be a default."));
    }
    throwIfAny(problems);
    PurposeDef after = new PurposeDef(before.name(), purpose.label(), purpose.description(), purpose.defaultBasis(), before.builtin());
    store.updatePurpose(after);
    changed(p, null, List.of(), Map.of("change", "purpose-changed", "purpose", after.name(), "basis", before.defaultBasis().apiName() + " -> "
        + after.defaultBasis().apiName()));
    return after;
  }

  // --- shared by the YAML import

  /** Writes a changed field definition: new version, history row, audit with before and after, and an event. */
  FieldDef write(Principal p, FieldDef before, FieldDef after, String change) {
    int version = store.fieldVersion(before.objectType(), before.apiName());
    if (!store.historyExists(before.objectType(), before.apiName(), version)) {
      store.insertHistory(before, version, "as-was", p.actorId());
    }
    store.updateField(after);
    store.insertHistory(after, version + 1, change, p.actorId());
    changed(p, before.objectType(), List.of(before.apiName()),
        Map.of("change", "field-" + change, "before", SchemaStore.toJson(before), "after", SchemaStore.toJson(after)));
    if (!after.retired() && (before.classification() != after.classification() || before.searchMode() != after.searchMode())) {
      events.publishEvent(new FieldChanged(p, before, after));
    }
    return after;
  }

  /** Throws unless the principal may change the schema. */
  public void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SCHEMA)) {
      throw new SchemaAccessDeniedException();
    }
  }

  /** Audits a change and makes it live on this node after commit (and on the others within seconds). */
  void changed(Principal p, String objectType, List<String> fields, Map<String, String> details) {
    store.bumpVersion();
    audit.record(new AuditEvent(clock.instant(), AuditActions.SCHEMA_CHANGED, p.actorId(), objectType, List.of(), fields, null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), details));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          registry.reload();
        }
      });
    } else {
      registry.reload();
    }
  }

  FieldRules.Context context() {
    return new FieldRules.Context(registry.objects().stream().map(ObjectDef::apiName).collect(Collectors.toSet()), purposeNames());
  }

  private Set<String> purposeNames() {
    return registry.purposes().stream().map(PurposeDef::name).collect(Collectors.toSet());
  }

  private Map<String, PurposeDef> purposeMap() {
    Map<String, PurposeDef> m = new HashMap<>();
    registry.purposes().forEach(x -> m.put(x.name(), x));
    return m;
  }

  private FieldDef qualified(String q) {
    int dot = q.indexOf('.');
    if (dot < 0) {
      return null;
    }
    return registry.find(q.substring(0, dot)).flatMap(o -> o.field(q.substring(dot + 1))).orElse(null);
  }

  private static FieldDef requireField(ObjectDef o, String field) {
    return o.field(field).orElseThrow(() -> InvalidSchemaException.of("field", "unknown-field",
        "There is no field '" + field.replaceAll("[^A-Za-z0-9]", "?") + "' on " + o.label() + "."));
  }

  static FieldDef withPurposes(FieldDef f, Set<String> purposes) {
    return new FieldDef(f.objectType(), f.apiName(), f.label(), f.type(), f.classification(), f.required(), f.searchMode(), f.sortable(),
        purposes, f.retentionDays(), f.maxLength(), f.min(), f.max(), f.pattern(), f.options(), f.relationTarget(), f.helpText(),
        f.defaultValue(), f.position(), f.retired());
  }

  private static FieldSpec defaultNameField(Set<String> purposes) {
    return new FieldSpec("name", "Name", FieldType.TEXT, Classification.INTERNAL, true, SearchMode.PREFIX, true, purposes, null, 200, null,
        null, null, List.of(), null, null, null);
  }

  private static void checkPurposeText(PurposeDef purpose, List<Problem> problems) {
    if (purpose.label().isBlank() || purpose.label().length() > 100) {
      problems.add(new Problem("label", "label", "Give the purpose a label of 1 to 100 characters."));
    }
    if (purpose.description().length() > 1000) {
      problems.add(new Problem("description", "too-long", "A description can be at most 1000 characters."));
    }
  }

  private static String describe(ObjectDef o) {
    return "label=" + o.label() + "; plural=" + o.pluralLabel() + "; title=" + String.join(",", o.titleFields()) + "; sort=" + o.defaultSort()
        + "; defaultPurposes=" + String.join(",", o.defaultPurposes().stream().sorted().toList());
  }

  private static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSchemaException(problems);
    }
  }
}
