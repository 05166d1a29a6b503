package io.steward.records.internal;

import io.steward.records.store.FillCountStore;
import io.steward.records.store.FillCountStore.Count;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the data inventory's fill counts current from the write path: every create, update, delete and
 * background rewrite reports which fields a record held before and after, under which purposes. Counting this way
 * costs a few small inserts per write and lets the inventory answer for a million records without reading one.
 */
@Component
public class FillCounts {

  private static final Logger log = LoggerFactory.getLogger(FillCounts.class);

  private final FillCountStore store;
  private final RecordStore records;
  private final RecordCodec codec;
  private final SchemaRegistry schema;
  private final TransactionTemplate tx;

  public FillCounts(FillCountStore store, RecordStore records, RecordCodec codec, SchemaRegistry schema, TransactionTemplate tx) {
    this.store = store;
    this.records = records;
    this.codec = codec;
    this.schema = schema;
    this.tx = tx;
  }

  /** What a record holds, for counting: its purposes and the fields with a value. */
  public record Presence(String purposes, Set<String> fields) {
    public static Presence of(String purposesKey, Map<String, Object> values) {
      Set<String> filled = new java.util.HashSet<>();
      values.forEach((k, v) -> {
        if (v != null && !(v instanceof java.util.Collection<?> c && c.isEmpty())) {
          filled.add(k);
        }
      });
      return new Presence(purposesKey == null ? "" : purposesKey, filled);
    }
  }

  /** Records a change; {@code before} is null for a new record, {@code after} null for a deleted one. */
  public void changed(String objectType, Presence before, Presence after) {
    Map<String, Map<String, Long>> deltas = new HashMap<>();
    if (before != null) {
      add(deltas, before, -1);
    }
    if (after != null) {
      add(deltas, after, +1);
    }
    store.add(objectType, deltas);
  }

  /** Records many new records of one type with one write. */
  public void added(String objectType, List<Presence> created) {
    Map<String, Map<String, Long>> deltas = new HashMap<>();
    created.forEach(p -> add(deltas, p, +1));
    store.add(objectType, deltas);
  }

  private static void add(Map<String, Map<String, Long>> deltas, Presence p, long sign) {
    Map<String, Long> byField = deltas.computeIfAbsent(p.purposes(), k -> new HashMap<>());
    byField.merge(FillCountStore.RECORDS, sign, Long::sum);
    for (String f : p.fields()) {
      byField.merge(f, sign, Long::sum);
    }
  }

  public List<Count> counts() {
    return store.all();
  }

  @Scheduled(fixedDelayString = "${steward.inventory.compact-ms:60000}", initialDelayString = "${steward.inventory.compact-ms:60000}")
  public void compact() {
    tx.executeWithoutResult(s -> store.compact());
  }

  /** Counts, once and in the background, the types whose records were written before fill counts existed. */
  @EventListener(ApplicationReadyEvent.class)
  public void countMissing() {
    Set<String> counted = store.counted();
    List<ObjectDef> missing = new ArrayList<>();
    for (ObjectDef o : schema.objects()) {
      if (!counted.contains(o.apiName())) {
        if (records.count(o.apiName()) == 0) {
          tx.executeWithoutResult(s -> store.markCounted(o.apiName()));
        } else {
          missing.add(o);
        }
      }
    }
    if (!missing.isEmpty()) {
      var executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fill-count");
        t.setDaemon(true);
        return t;
      });
      executor.submit(() -> missing.forEach(this::recount));
      executor.shutdown();
    }
  }

  /** Counts every record of a type from scratch (decrypting in batches) and replaces its counts. */
  public void recount(ObjectDef o) {
    long started = System.nanoTime();
    Map<String, Map<String, Long>> totals = new HashMap<>();
    UUID after = null;
    List<StoredRecord> batch;
    while (!(batch = records.scan(o.apiName(), after, 1000)).isEmpty()) {
      Map<UUID, Map<String, Object>> values = codec.decodeAll(o, batch);
      for (StoredRecord r : batch) {
        add(totals, Presence.of(PurposeChecks.key(ViewMasker.purposeNames(r.purposes())), values.get(r.id())), 1);
      }
      after = batch.get(batch.size() - 1).id();
    }
    List<Count> counts = new ArrayList<>();
    totals.forEach((purposes, byField) -> byField.forEach((field, n) -> counts.add(new Count(o.apiName(), field, purposes, n))));
    tx.executeWithoutResult(s -> store.replace(o.apiName(), counts));
    log.info("Fill counts of {} recounted in {} ms", o.apiName(), (System.nanoTime() - started) / 1_000_000);
  }
}
