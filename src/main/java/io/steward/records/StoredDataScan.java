package io.steward.records;

import io.steward.access.AccessPolicy;
import io.steward.access.AdminPermission;
import io.steward.access.Principal;
import io.steward.audit.AuditActions;
import io.steward.audit.AuditEvent;
import io.steward.audit.AuditTrail;
import io.steward.guard.Detection;
import io.steward.guard.ProhibitedDataGuard;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.RecordId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * Finds never-keep data that was stored before a detector existed (or was switched on): opens every record in
 * memory, runs the guard over every string, and reports findings by record, field and detector, never by value.
 * An administrator then redacts the field or erases the record, through the record service.
 */
@Service
public class StoredDataScan {

  private static final int BATCH = 1000;
  public static final String REDACTED = "[redacted]";

  private final SchemaRegistry schema;
  private final RecordStore store;
  private final RecordCodec codec;
  private final ProhibitedDataGuard guard;
  private final RecordService records;
  private final AccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;
  private volatile Progress last = new Progress(false, 0, 0, null, null, List.of());

  StoredDataScan(SchemaRegistry schema, RecordStore store, RecordCodec codec, ProhibitedDataGuard guard, RecordService records,
      AccessPolicy policy, AuditTrail audit, Clock clock) {
    this.schema = schema;
    this.store = store;
    this.codec = codec;
    this.guard = guard;
    this.records = records;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
  }

  /** One field of one record that holds never-keep data. */
  public record Finding(String objectType, RecordId recordId, String field, String detectorId) {}

  public record Progress(boolean running, long scanned, long total, Instant startedAt, Instant finishedAt, List<Finding> findings) {}

  public Progress progress() {
    return last;
  }

  /** Starts a scan in the background; its progress and findings appear in {@link #progress()}. */
  public synchronized boolean start(Principal p) {
    requireAdmin(p);
    if (last.running()) {
      return false;
    }
    last = new Progress(true, 0, store.countAll(), clock.instant(), null, List.of());
    Thread t = new Thread(() -> scan(p, n -> last = new Progress(true, n, last.total(), last.startedAt(), null, List.of())), "stored-data-scan");
    t.setDaemon(true);
    t.start();
    return true;
  }

  /** Scans every record now (the CLI waits for it); audited with counts and findings by record and field. */
  public List<Finding> scan(Principal p, LongConsumer progress) {
    requireAdmin(p);
    Instant started = clock.instant();
    List<Finding> findings = new ArrayList<>();
    long scanned = 0;
    long total = store.countAll();
    try {
      for (ObjectDef o : schema.objects()) {
        UUID after = null;
        List<StoredRecord> batch;
        while (!(batch = store.scan(o.apiName(), after, BATCH)).isEmpty()) {
          Map<UUID, Map<String, Object>> values = codec.decodeAll(o, batch);
          for (StoredRecord r : batch) {
            inspect(o, r, values.get(r.id()), findings);
          }
          scanned += batch.size();
          progress.accept(scanned);
          after = batch.get(batch.size() - 1).id();
        }
      }
    } finally {
      last = new Progress(false, scanned, total, started, clock.instant(), List.copyOf(findings));
    }
    Map<String, String> details = new HashMap<>();
    details.put("scanned", Long.toString(scanned));
    details.put("findings", Integer.toString(findings.size()));
    for (int i = 0; i < Math.min(findings.size(), 200); i++) {
      Finding f = findings.get(i);
      details.put("finding." + i, f.objectType() + "/" + f.recordId() + "/" + f.field() + "/" + f.detectorId());
    }
    audit.record(new AuditEvent(clock.instant(), AuditActions.SCAN, p.actorId(), null,
        findings.stream().map(f -> f.recordId().toString()).distinct().limit(1000).toList(), List.of(), null, "success",
        p.request().ip(), p.request().userAgent(), p.request().requestId(), details));
    return findings;
  }

  /** Replaces the finding's value: emptied, or "[redacted]" where the field is required. */
  public void redact(Principal p, Finding f) {
    requireAdmin(p);
    FieldDef field = schema.require(f.objectType()).field(f.field()).orElseThrow();
    Map<String, Object> patch = new HashMap<>();
    patch.put(field.apiName(), field.required() ? REDACTED : null);
    records.update(p, f.objectType(), f.recordId(), patch, null);
    forget(f.recordId(), f.field());
  }

  /** Erases the whole record (its data keys are destroyed). */
  public void erase(Principal p, Finding f) {
    requireAdmin(p);
    records.delete(p, f.objectType(), f.recordId());
    forget(f.recordId(), null);
  }

  public Optional<Finding> find(String objectType, RecordId id, String field) {
    return last.findings().stream()
        .filter(f -> f.objectType().equals(objectType) && f.recordId().equals(id) && f.field().equals(field))
        .findFirst();
  }

  private void inspect(ObjectDef o, StoredRecord r, Map<String, Object> values, List<Finding> findings) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Optional<Detection> d = inspectValue(e.getValue());
      d.ifPresent(det -> findings.add(new Finding(o.apiName(), new RecordId(r.id()), e.getKey(), det.detectorId())));
    }
  }

  private Optional<Detection> inspectValue(Object v) {
    if (v instanceof String s && !s.equals(REDACTED)) {
      return guard.inspect(s);
    }
    if (v instanceof Collection<?> c) {
      for (Object item : c) {
        Optional<Detection> d = inspectValue(item);
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  private void forget(RecordId id, String field) {
    Progress p = last;
    last = new Progress(p.running(), p.scanned(), p.total(), p.startedAt(), p.finishedAt(),
        p.findings().stream().filter(f -> !(f.recordId().equals(id) && (field == null || f.field().equals(field)))).toList());
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_SECURITY)) {
      throw new ForbiddenException("Your roles do not allow you to scan stored data.", null);
    }
  }
}
