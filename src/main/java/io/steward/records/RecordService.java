package io.steward.records;

import io.steward.access.AccessPolicy;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.access.StepUp;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditProperties;
import io.steward.audit.AuditTrail;
import io.steward.crypto.RecordCipher;
import io.steward.guard.Detection;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.internal.FillCounts;
import io.steward.records.internal.PurposeChecks;
import io.steward.records.internal.ViewMasker;
import io.steward.records.internal.WriteChecks;
import io.steward.records.index.IndexTokens;
import io.steward.records.index.SortIndex;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordPurposeStore;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.Page;
import io.steward.shared.RecordId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one door to records. Every way in (REST API, web pages, import, demo data, CLI) creates, reads, changes
 * and deletes records here, so every rule holds everywhere: the never-keep guard, the schema, the access policy
 * (object, record scope, field), encryption, indexing and the audit trail. A read of personal data is recorded
 * before it is returned.
 */
@Service
public class RecordService {

  private final SchemaRegistry schema;
  private final AccessPolicy policy;
  private final RecordStore store;
  private final RecordCodec codec;
  private final RecordCipher cipher;
  private final IndexTokens tokens;
  private final SortIndex sortIndex;
  private final AuditTrail audit;
  private final Clock clock;
  private final StepUp stepUp;
  private final WriteChecks checks;
  private final ViewMasker masker;
  private final RecordSearch search;
  private final PurposeChecks purposeChecks;
  private final RecordPurposeStore purposeStore;
  private final FillCounts fillCounts;
  /** Whether a read that shows no personal or sensitive field is recorded too ({@code steward.audit.all-reads}). */
  private final boolean auditAllReads;

  RecordService(SchemaRegistry schema, AccessPolicy policy, ProhibitedDataGuard guard, RecordStore store, RecordCodec codec,
      RecordCipher cipher, IndexTokens tokens, SortIndex sortIndex, AuditTrail audit, StepUp stepUp, Clock clock,
      RecordPurposeStore purposeStore, FillCounts fillCounts, AuditProperties auditProperties) {
    this.stepUp = stepUp;
    this.schema = schema;
    this.policy = policy;
    this.store = store;
    this.codec = codec;
    this.cipher = cipher;
    this.tokens = tokens;
    this.sortIndex = sortIndex;
    this.audit = audit;
    this.clock = clock;
    this.checks = new WriteChecks(policy, guard);
    this.masker = new ViewMasker(policy);
    this.search = new RecordSearch(policy, store, codec, tokens, sortIndex);
    this.purposeChecks = new PurposeChecks(schema);
    this.purposeStore = purposeStore;
    this.fillCounts = fillCounts;
    this.auditAllReads = auditProperties.allReads();
  }

  /**
   * Creates a record. The reserved key {@code purposes} names the purposes it is held for (names, or objects with
   * basis and source); without it the record gets its object's default purposes. Every value must be justified by
   * one of them.
   */
  @Transactional
  public RecordView create(Principal p, String type, Map<String, Object> input) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.CREATE, null);
    Created c = insertNew(p, o, List.of(input)).get(0);
    Map<String, String> details = new HashMap<>(changes(o, Map.of(), c.values()));
    details.put("purposes", c.stored().purposes());
    record(p, AuditActions.RECORD_CREATE, o, List.of(c.id()), List.copyOf(input.keySet()), null, details);
    return masker.view(p, o, c.stored(), c.values(), Set.of()).view();
  }

  /**
   * Creates many records of one type in one transaction, for bulk callers (demo data, imports): every record passes
   * the same checks as {@link #create}; one refused or invalid record fails the whole batch. One audit event lists
   * the ids and the fields written. Returns the ids in input order.
   */
  @Transactional
  public List<RecordId> createAll(Principal p, String type, List<Map<String, Object>> inputs) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.CREATE, null);
    List<RecordId> ids = insertNew(p, o, inputs).stream().map(Created::id).toList();
    java.util.TreeSet<String> fields = new java.util.TreeSet<>();
    inputs.forEach(input -> fields.addAll(input.keySet()));
    if (!ids.isEmpty()) {
      record(p, AuditActions.RECORD_CREATE, o, ids, List.copyOf(fields), null, Map.of("count", Integer.toString(ids.size())));
    }
    return ids;
  }

  private record Created(RecordId id, StoredRecord stored, Map<String, Object> values) {}

  private record Checked(List<RecordPurpose> held, Set<String> names, Map<String, Object> values) {}

  /** Every check a new record passes before it is stored: guard, purposes, schema, permissions, relations. */
  private Checked checkNew(Principal p, ObjectDef o, Map<String, Object> input, Instant now) {
    refuseProhibited(p, o, null, input);
    PurposeChecks.Input in = PurposeChecks.split(input);
    List<RecordPurpose> held = in.purposes() == null ? purposeChecks.defaults(o) : purposeChecks.parse(in.purposes(), List.of(), now);
    Set<String> names = names(held);
    Map<String, Object> values = new LinkedHashMap<>(parse(p, o, null, in.fields()));
    purposeChecks.requireJustified(o, values, names);
    applyDefaults(o, values, names);
    checks.requireComplete(o, values, names, f -> true);
    checkRelations(p, o, values);
    return new Checked(held, names, values);
  }

  /** Checks, seals, stores and indexes new records; each table is written with one batch for all of them. */
  private List<Created> insertNew(Principal p, ObjectDef o, List<Map<String, Object>> inputs) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the database keeps, so answers match later reads
    Map<RecordId, Checked> checked = new LinkedHashMap<>();
    for (Map<String, Object> input : inputs) {
      checked.put(RecordId.random(), checkNew(p, o, input, now));
    }
    Map<RecordId, Map<String, Object>> values = new LinkedHashMap<>();
    checked.forEach((id, c) -> values.put(id, c.values()));
    Map<RecordId, RecordCodec.Encoded> encoded = codec.encodeNew(o, values);
    List<Created> created = new ArrayList<>(checked.size());
    Map<UUID, List<RecordPurpose>> purposes = new LinkedHashMap<>();
    Map<UUID, List<RecordStore.IndexEntry>> index = new LinkedHashMap<>();
    List<FillCounts.Presence> presence = new ArrayList<>(checked.size());
    checked.forEach((id, c) -> {
      RecordCodec.Encoded e = encoded.get(id);
      StoredRecord r = new StoredRecord(id.value(), o.apiName(), p.userId(), p.team(), 1, now, now, PurposeChecks.key(c.names()),
          e.plain(), e.personal(), e.sensitive());
      created.add(new Created(id, r, c.values()));
      purposes.put(id.value(), c.held());
      index.put(id.value(), tokens.entries(o, c.values()));
      presence.add(FillCounts.Presence.of(r.purposes(), c.values()));
    });
    store.insertAll(created.stream().map(Created::stored).toList());
    purposeStore.insertAll(purposes, p.actorId(), now);
    store.insertIndex(o.apiName(), index);
    fillCounts.added(o.apiName(), presence);
    afterCommit(() -> created.forEach(c -> sortIndex.put(o, c.stored(), c.values())));
    return created;
  }

  /** The purposes a record is held for, with legal basis and source. */
  @Transactional(readOnly = true)
  public List<RecordPurpose> purposes(Principal p, String type, RecordId id) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.READ, id);
    StoredRecord r = findInScope(p, o, id);
    return purposeChecks.current(o, ViewMasker.purposeNames(r.purposes()), purposeStore.of(id.value()));
  }

  /**
   * Reads one record. No transaction: the record and its data keys are two single-row reads, and a record keeps its
   * data keys for life (see {@link RecordCipher#seal}), so the two always belong together.
   */
  public RecordView get(Principal p, String type, RecordId id) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.READ, id);
    StoredRecord r = findInScope(p, o, id);
    ViewMasker.Masked m = masker.view(p, o, r, codec.decode(o, r), Set.of());
    recordRead(p, AuditActions.RECORD_READ, o, List.of(m), null);
    return m.view();
  }

  /** Shows one sensitive value, for a stated reason; the reveal is audited with its reason. */
  @Transactional(readOnly = true)
  public RecordView reveal(Principal p, String type, RecordId id, String field, String reason) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.READ, id);
    FieldDef f = o.field(field).orElseThrow(() -> InvalidRecordException.malformed(WriteChecks.safeName(field), "unknown-field",
        "There is no field '" + WriteChecks.safeName(field) + "' on " + o.label() + "."));
    if (reason == null || reason.isBlank() || reason.length() > 300) {
      throw InvalidRecordException.of("reason", "reason-required", "Say why you need to see " + f.label() + " (at most 300 characters).");
    }
    refuseProhibited(p, o, id, Map.of("reason", reason));
    if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(io.steward.access.FieldLevel.READ)) {
      deny(p, o, id, "reveal " + f.apiName());
      throw new ForbiddenException("Your roles do not allow you to see " + f.label() + ".", f.apiName());
    }
    stepUp.require(p, StepUp.REVEAL);
    StoredRecord r = findInScope(p, o, id);
    ViewMasker.Masked m = masker.view(p, o, r, codec.decode(o, r), Set.of(f.apiName()));
    audit.record(event(p, AuditActions.RECORD_REVEAL, o, List.of(id.toString()), List.of(f.apiName()), reason.strip(), Map.of()));
    return m.view();
  }

  /**
   * Changes a record. {@code purposes} in the patch replaces the record's purposes. If that leaves values no
   * remaining purpose justifies, the caller must choose: {@code eraseUnjustified: true} erases them, {@code false}
   * keeps them (the inventory then flags them); without a choice the write is refused.
   */
  @Transactional
  public RecordView update(Principal p, String type, RecordId id, Map<String, Object> patch, Long expectedVersion) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.UPDATE, id);
    StoredRecord old = findInScope(p, o, id);
    refuseProhibited(p, o, id, patch);
    PurposeChecks.Input in = PurposeChecks.split(patch);
    Map<String, Object> parsed = parse(p, o, id, in.fields());
    if (expectedVersion != null && expectedVersion != old.version()) {
      throw new RecordConflictException(old.version());
    }
    lockAtVersion(o, old);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the database keeps, so answers match later reads
    List<RecordPurpose> current = purposeChecks.current(o, ViewMasker.purposeNames(old.purposes()), purposeStore.of(id.value()));
    List<RecordPurpose> held = in.purposes() == null ? current : purposeChecks.parse(in.purposes(), current, now);
    Set<String> names = names(held);
    Map<String, Object> before = codec.decode(o, old);
    Map<String, Object> newValues = new LinkedHashMap<>(parsed);
    newValues.entrySet().removeIf(e -> Objects.equals(e.getValue(), before.get(e.getKey()))); // a form re-sends what it showed
    purposeChecks.requireJustified(o, newValues, names);
    Map<String, Object> values = new LinkedHashMap<>(before);
    values.putAll(parsed);
    values.values().removeIf(Objects::isNull);
    List<String> erased = in.purposes() == null ? List.of() : settleUnjustified(p, o, values, ViewMasker.purposeNames(old.purposes()), names,
        in.eraseUnjustified());
    checks.requireComplete(o, values, names, f -> before.get(f) != null || in.fields().containsKey(f));
    checkRelations(p, o, parsed);
    RecordCodec.Encoded encoded = codec.encode(o, id, values);
    StoredRecord r = new StoredRecord(id.value(), o.apiName(), old.ownerId(), old.team(), old.version() + 1, old.createdAt(), now,
        PurposeChecks.key(names), encoded.plain(), encoded.personal(), encoded.sensitive());
    if (!store.update(r, old.version())) {
      throw conflict(o, old);
    }
    if (in.purposes() != null) {
      purposeStore.replace(id.value(), held, p.actorId(), now);
    }
    store.replaceIndex(o.apiName(), id.value(), tokens.entries(o, values));
    fillCounts.changed(o.apiName(), FillCounts.Presence.of(old.purposes(), before), FillCounts.Presence.of(r.purposes(), values));
    afterCommit(() -> sortIndex.put(o, r, values));
    Map<String, String> details = new HashMap<>(changes(o, before, parsed));
    if (!r.purposes().equals(old.purposes())) {
      details.put("purposes", old.purposes() + " -> " + r.purposes());
    }
    if (!erased.isEmpty()) {
      details.put("erasedUnjustified", String.join(",", erased));
    }
    List<String> touched = new ArrayList<>(in.fields().keySet());
    touched.addAll(erased);
    record(p, AuditActions.RECORD_UPDATE, o, List.of(id), touched, null, details);
    return masker.view(p, o, r, values, Set.of()).view();
  }

  /** Holds the record's row until the transaction ends, or refuses the write if another one changed it first. */
  private void lockAtVersion(ObjectDef o, StoredRecord old) {
    if (!store.lockAtVersion(old.id(), old.version())) {
      throw conflict(o, old);
    }
  }

  /** Another write changed the record first: the answer names its current version. */
  private RecordConflictException conflict(ObjectDef o, StoredRecord old) {
    return new RecordConflictException(store.find(o.apiName(), old.id()).map(StoredRecord::version).orElse(old.version()));
  }

  /** Values the new purposes no longer justify: erased, kept, or the write refused until the caller chooses. */
  private List<String> settleUnjustified(Principal p, ObjectDef o, Map<String, Object> values, List<String> before, Set<String> purposes,
      Boolean erase) {
    List<FieldDef> unjustified = PurposeChecks.unjustified(o, values, purposes);
    if (unjustified.isEmpty() || Boolean.FALSE.equals(erase)) {
      return List.of();
    }
    if (erase == null) {
      List<String> visible = new ArrayList<>();
      int hidden = 0;
      for (FieldDef f : unjustified) {
        if (policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()) == io.steward.access.FieldLevel.HIDDEN) {
          hidden++;
        } else {
          visible.add(f.label());
        }
      }
      String what = String.join(", ", visible) + (hidden == 0 ? "" : (visible.isEmpty() ? "" : " and ") + hidden + " field(s) you cannot see");
      Set<String> removed = new java.util.TreeSet<>(before);
      removed.removeAll(purposes);
      String cause = removed.isEmpty() ? "No purpose of this record justifies " + what + "."
          : "Removing " + purposeChecks.describe(removed) + " leaves " + what + " without a purpose on this record.";
      throw InvalidRecordException.of(PurposeChecks.ERASE_KEY, "unjustified-values",
          cause + " Erase those values (eraseUnjustified: true) or keep them (eraseUnjustified: false).");
    }
    List<String> erased = new ArrayList<>();
    for (FieldDef f : unjustified) {
      if (!policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(io.steward.access.FieldLevel.EDIT)) {
        throw new ForbiddenException("Your roles do not allow you to erase " + f.label() + ".", f.apiName());
      }
      values.remove(f.apiName());
      erased.add(f.apiName());
    }
    return erased;
  }

  private static Set<String> names(List<RecordPurpose> purposes) {
    Set<String> names = new java.util.TreeSet<>();
    purposes.forEach(x -> names.add(x.purpose()));
    return names;
  }

  /** Deletes a record and shreds its data keys, so copies of its ciphertext (backups, replicas) become noise. */
  @Transactional
  public void delete(Principal p, String type, RecordId id) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.DELETE, id);
    StoredRecord old = findInScope(p, o, id);
    Map<String, Object> before;
    try {
      before = codec.decode(o, old);
    } catch (io.steward.crypto.SealBrokenException e) {
      // a record that no longer opens (tampered, or its key already gone) must still be erasable; its protected
      // values cannot be counted out of the inventory, which the next full count corrects
      before = codec.decodePlain(old);
    }
    store.delete(o.apiName(), id.value());
    fillCounts.changed(o.apiName(), FillCounts.Presence.of(old.purposes(), before), null);
    cipher.shred(id);
    afterCommit(() -> sortIndex.remove(o.apiName(), id.value()));
    record(p, AuditActions.RECORD_DELETE, o, List.of(id), List.of(), null, Map.of());
  }

  @Transactional(readOnly = true)
  public Page<RecordView> list(Principal p, String type, RecordQuery query) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.READ, null);
    RecordSearch.Found found = search.find(p, o, query);
    List<ViewMasker.Masked> masked = new ArrayList<>();
    for (StoredRecord r : found.records()) {
      masked.add(masker.view(p, o, r, found.values().get(r.id()), Set.of()));
    }
    recordRead(p, AuditActions.RECORD_LIST, o, masked, query.filters().isEmpty() && query.q() == null ? null : "search");
    return new Page<>(masked.stream().map(ViewMasker.Masked::view).toList(), query.page(), query.size(), found.total());
  }

  /** Totals of a plain numeric field grouped by a plain field (e.g. pipeline value by stage), over the caller's scope. */
  @Transactional(readOnly = true)
  public Map<String, Totals> totals(Principal p, String type, String groupField, String sumField) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.READ, null);
    for (String name : List.of(groupField, sumField)) {
      FieldDef f = o.field(name).filter(FieldDef::sortable).filter(x -> !x.isProtected())
          .filter(x -> policy.fieldLevel(p, o.apiName(), x.apiName(), x.classification()).atLeast(io.steward.access.FieldLevel.READ))
          .orElseThrow(() -> InvalidRecordException.malformed(WriteChecks.safeName(name), "not-aggregatable",
              o.pluralLabel() + " cannot be totalled by '" + WriteChecks.safeName(name) + "'."));
      Objects.requireNonNull(f);
    }
    var inScope = policy.scopeFilter(p);
    return sortIndex.totals(o, groupField, sumField, row -> inScope.test(row.ownerId(), row.team()));
  }

  /** Runs every check a create would run (guard, schema, permissions, relations) without storing anything. */
  @Transactional(readOnly = true)
  public void validate(Principal p, String type, Map<String, Object> input) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.CREATE, null);
    checkNew(p, o, input, clock.instant());
  }

  /** Columns an export carries for this caller: readable fields; sensitive ones only with the export-sensitive power. */
  public List<FieldDef> exportColumns(Principal p, String type) {
    ObjectDef o = schema.require(type);
    boolean sensitive = policy.mayExportSensitive(p);
    return o.activeFields().stream()
        .filter(f -> policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(io.steward.access.FieldLevel.READ))
        .filter(f -> !f.isSensitive() || sensitive)
        .toList();
  }

  /**
   * Streams the records a query finds, as plain values of the export columns, to a sink. Needs the export
   * permission; every exported record is audited (one event per page of 200 ids) with the filter used.
   */
  @Transactional(readOnly = true)
  public long export(Principal p, String type, RecordQuery query, java.util.function.Consumer<Map<String, Object>> sink) {
    ObjectDef o = schema.require(type);
    requireObject(p, o, ObjectAction.EXPORT, null);
    stepUp.require(p, io.steward.access.StepUp.EXPORT);
    List<FieldDef> columns = exportColumns(p, type);
    long count = 0;
    int page = 0;
    while (true) {
      RecordQuery q = new RecordQuery(query.filters(), query.q(), query.sort(), page, RecordQuery.MAX_SIZE, query.ownerId());
      RecordSearch.Found found = search.find(p, o, q);
      List<String> ids = new ArrayList<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (StoredRecord r : found.records()) {
        Map<String, Object> values = found.values().get(r.id());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id().toString());
        for (FieldDef f : columns) {
          row.put(f.apiName(), values.get(f.apiName()));
        }
        rows.add(row);
        ids.add(r.id().toString());
      }
      if (!ids.isEmpty() || page == 0) {
        Map<String, String> details = new HashMap<>();
        details.put("filter", query.filters().keySet().toString() + (query.q() == null ? "" : " q"));
        details.put("page", Integer.toString(page));
        audit.record(event(p, AuditActions.EXPORT, o, ids, columns.stream().map(FieldDef::apiName).toList(), null, details));
      }
      rows.forEach(sink);
      count += rows.size();
      if ((long) (page + 1) * q.size() >= found.total() || rows.isEmpty()) {
        return count;
      }
      page++;
    }
  }

  /** A record's display name if the caller may see the record, for showing relations. */
  @Transactional(readOnly = true)
  public Optional<String> titleOf(Principal p, String type, RecordId id) {
    Optional<ObjectDef> o = schema.find(type);
    if (o.isEmpty() || !policy.mayObject(p, o.get().apiName(), ObjectAction.READ)) {
      return Optional.empty();
    }
    return store.find(o.get().apiName(), id.value())
        .filter(r -> policy.inScope(p, r.ownerId(), r.team()))
        .map(r -> masker.view(p, o.get(), r, codec.decode(o.get(), r), Set.of()).view().title());
  }

  // --- the rules every operation shares

  private void requireObject(Principal p, ObjectDef o, ObjectAction action, RecordId id) {
    if (!policy.mayObject(p, o.apiName(), action)) {
      deny(p, o, id, action.name().toLowerCase());
      if (action == ObjectAction.READ && id != null) {
        throw new RecordNotFoundException(o.label().toLowerCase());
      }
      throw new ForbiddenException("Your roles do not allow you to " + action.name().toLowerCase() + " " + o.pluralLabel().toLowerCase() + ".", null);
    }
  }

  private StoredRecord findInScope(Principal p, ObjectDef o, RecordId id) {
    StoredRecord r = store.find(o.apiName(), id.value()).orElseThrow(() -> new RecordNotFoundException(o.label().toLowerCase()));
    if (!policy.inScope(p, r.ownerId(), r.team())) {
      deny(p, o, id, "out-of-scope");
      throw new RecordNotFoundException(o.label().toLowerCase());
    }
    return r;
  }

  private void refuseProhibited(Principal p, ObjectDef o, RecordId id, Map<String, Object> input) {
    Optional<Map.Entry<String, Detection>> hit = checks.prohibited(withoutRecordIds(o, input));
    if (hit.isPresent()) {
      String field = o.field(hit.get().getKey()).map(FieldDef::apiName).orElse("(unknown field)");
      Detection d = hit.get().getValue();
      audit.record(new AuditEvent(clock.instant(), AuditActions.GUARD_REFUSED, p.actorId(), o.apiName(), id == null ? List.of() : List.of(id.toString()),
          List.of(field), null, "refused", p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("detector", d.detectorId())));
      throw new ProhibitedValueException(field, d.detectorId(), d.advice());
    }
  }

  /** Parses input against schema and field permissions; a refused field write is audited as a denial. */
  private Map<String, Object> parse(Principal p, ObjectDef o, RecordId id, Map<String, Object> input) {
    try {
      return checks.parse(p, o, input);
    } catch (ForbiddenException e) {
      deny(p, o, id, "write " + e.field());
      throw e;
    }
  }

  /**
   * A relation's value that is a well-formed record id is Steward's own identifier, not data a person typed; by
   * chance an id's digit groups can pass a card-number check, so such values are left out of the guard's view.
   */
  private static Map<String, Object> withoutRecordIds(ObjectDef o, Map<String, Object> input) {
    Map<String, Object> inspected = new LinkedHashMap<>(input);
    inspected.entrySet().removeIf(e -> e.getValue() instanceof String v && RecordId.parse(v).isPresent()
        && o.field(e.getKey()).filter(f -> f.type() == FieldType.RELATION).isPresent());
    return inspected;
  }

  private void checkRelations(Principal p, ObjectDef o, Map<String, Object> values) {
    for (FieldDef f : o.relations()) {
      Object v = values.get(f.apiName());
      if (v == null) {
        continue;
      }
      Optional<ObjectDef> target = schema.find(f.relationTarget());
      boolean ok = target.isPresent()
          && store.find(target.get().apiName(), UUID.fromString(v.toString()))
              .filter(r -> policy.mayObject(p, target.get().apiName(), ObjectAction.READ) && policy.inScope(p, r.ownerId(), r.team()))
              .isPresent();
      if (!ok) {
        throw InvalidRecordException.of(f.apiName(), "relation", f.label() + ": there is no such " + f.relationTarget() + " that you can see.");
      }
    }
  }

  private static void applyDefaults(ObjectDef o, Map<String, Object> values, Set<String> purposes) {
    for (FieldDef f : o.activeFields()) {
      if (!PurposeChecks.allows(f, purposes)) {
        continue;
      }
      if (values.get(f.apiName()) == null && f.defaultValue() != null && !f.defaultValue().isBlank()) {
        values.put(f.apiName(), io.steward.records.values.ValueParser.parse(f, f.defaultValue()));
      }
      if (values.get(f.apiName()) == null && f.type() == FieldType.BOOLEAN && f.required()) {
        values.put(f.apiName(), Boolean.FALSE);
      }
    }
  }

  /** Before and after of public and internal fields only: protected values never reach the audit trail. */
  private static Map<String, String> changes(ObjectDef o, Map<String, Object> before, Map<String, Object> after) {
    Map<String, String> details = new HashMap<>();
    for (Map.Entry<String, Object> e : after.entrySet()) {
      o.field(e.getKey()).filter(f -> !f.isProtected()).ifPresent(f -> {
        String b = String.valueOf(before.get(f.apiName()));
        String a = String.valueOf(e.getValue());
        details.put(f.apiName(), abbreviate(b) + " -> " + abbreviate(a));
      });
    }
    return details;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /**
   * Audits the records shown that carry a personal or sensitive value (invariant 3) — or, with
   * {@code steward.audit.all-reads}, every record shown — naming the protected fields shown.
   */
  private void recordRead(Principal p, String action, ObjectDef o, List<ViewMasker.Masked> views, String filter) {
    List<String> ids = new ArrayList<>();
    java.util.TreeSet<String> fields = new java.util.TreeSet<>();
    for (ViewMasker.Masked m : views) {
      if (auditAllReads || !m.protectedFieldsShown().isEmpty()) {
        ids.add(m.view().id().toString());
        fields.addAll(m.protectedFieldsShown());
      }
    }
    if (!ids.isEmpty()) {
      // Committed before the response's first byte leaves; in an HTTP request the commit overlaps the rendering.
      audit.recordBeforeResponse(event(p, action, o, ids, List.copyOf(fields), null, filter == null ? Map.of() : Map.of("query", filter)));
    }
  }

  private void deny(Principal p, ObjectDef o, RecordId id, String what) {
    audit.record(new AuditEvent(clock.instant(), AuditActions.ACCESS_DENIED, p.actorId(), o.apiName(), id == null ? List.of() : List.of(id.toString()),
        List.of(), null, "denied", p.request().ip(), p.request().userAgent(), p.request().requestId(), Map.of("attempt", what)));
  }

  private void record(Principal p, String action, ObjectDef o, List<RecordId> ids, List<String> fields, String reason, Map<String, String> details) {
    audit.record(event(p, action, o, ids.stream().map(RecordId::toString).toList(),
        fields.stream().filter(f -> o.field(f).isPresent()).toList(), reason, details));
  }

  private AuditEvent event(Principal p, String action, ObjectDef o, List<String> ids, List<String> fields, String reason, Map<String, String> details) {
    return new AuditEvent(clock.instant(), action, p.actorId(), o.apiName(), ids, fields, reason, "success", p.request().ip(),
        p.request().userAgent(), p.request().requestId(), details);
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }
}
