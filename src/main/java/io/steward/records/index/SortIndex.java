package io.steward.records.index;

import io.steward.records.Totals;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.Change;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.records.values.Normaliser;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every record's sort keys in memory so that lists stay sortable by name although names are encrypted in
 * the database. Built at first use from decrypted records, kept current by this node's writes and by following
 * the record change feed that other nodes write. Memory: about 150–250 bytes per record and sortable field.
 */
@Component
public class SortIndex {

  private static final Logger log = LoggerFactory.getLogger(SortIndex.class);
  private static final int BATCH = 2000;

  /** One record's place in lists: who may see it and its sort keys. */
  public record Row(UUID id, UUID ownerId, String team, Instant createdAt, Instant updatedAt, Map<String, Comparable<?>> keys) {
    @Override
    public String toString() {
      return "Row[" + id + "]";
    }
  }

  public record Slice(List<UUID> ids, long total) {}

  private final RecordStore store;
  private final RecordCodec codec;
  private final SchemaRegistry schema;
  private final Map<String, TypeIndex> types = new ConcurrentHashMap<>();
  private volatile long followedSeq = -1;
  /** Change numbers skipped while following, with when they were first missed (see {@link #follow}). */
  private final Map<Long, Long> gaps = new ConcurrentHashMap<>();
  private static final java.time.Duration GAP_WAIT = java.time.Duration.ofMinutes(2);
  private static final int MAX_GAPS = 10_000;
  /** Changes replayed when following starts, for writes whose transactions were still open while the index loaded. */
  private static final long REPLAY = 1_000;

  public SortIndex(RecordStore store, RecordCodec codec, SchemaRegistry schema) {
    this.store = store;
    this.codec = codec;
    this.schema = schema;
  }

  private static final class TypeIndex {
    final Map<UUID, Row> rows = new ConcurrentHashMap<>();
    volatile Map<String, Sorted> sorted = new ConcurrentHashMap<>();
    volatile boolean loaded;
    volatile boolean loading;
  }

  /** Rows in ascending order of one field; rows without a value come last, after {@code nonNull}. */
  private record Sorted(Row[] rows, int nonNull) {}

  public void put(ObjectDef o, StoredRecord r, Map<String, Object> values) {
    TypeIndex t = types.computeIfAbsent(o.apiName(), k -> new TypeIndex());
    if (!t.loaded && !t.loading) {
      return; // the first load reads it from the database; a bulk run that never lists keeps no rows
    }
    t.rows.put(r.id(), row(o, r, values));
    t.sorted = new ConcurrentHashMap<>();
  }

  public void remove(String objectType, UUID id) {
    TypeIndex t = types.get(objectType);
    if (t != null && t.rows.remove(id) != null) {
      t.sorted = new ConcurrentHashMap<>();
    }
  }

  public Optional<Row> row(String objectType, UUID id) {
    TypeIndex t = types.get(objectType);
    return t == null ? Optional.empty() : Optional.ofNullable(t.rows.get(id));
  }

  /**
   * One page of visible record ids in sort order, and how many are visible in all. A null {@code visible} means
   * every row is visible (the caller's scope is all records and nothing filters), which needs no walk.
   */
  public Slice page(ObjectDef o, String sortField, boolean descending, Predicate<Row> visible, int page, int size) {
    TypeIndex t = ensureLoaded(o);
    Sorted s = t.sorted.computeIfAbsent(sortField, f -> sort(t, f));
    Row[] rows = s.rows();
    List<UUID> ids = new ArrayList<>(size);
    long from = (long) page * size;
    if (visible == null) {
      for (long i = from; i < rows.length && ids.size() < size; i++) {
        ids.add(rows[position(s, (int) i, descending)].id());
      }
      return new Slice(ids, rows.length);
    }
    long seen = 0;
    for (int i = 0; i < rows.length; i++) {
      Row row = rows[position(s, i, descending)];
      if (!visible.test(row)) {
        continue;
      }
      if (seen >= from && ids.size() < size) {
        ids.add(row.id());
      }
      seen++;
    }
    return new Slice(ids, seen);
  }

  /** Descending order reverses the rows with a value and keeps those without one last. */
  private static int position(Sorted s, int i, boolean descending) {
    return !descending || i >= s.nonNull() ? i : s.nonNull() - 1 - i;
  }

  /** Count and total of a numeric field per value of a grouping field, over the visible rows. */
  public Map<String, Totals> totals(ObjectDef o, String groupField, String sumField, Predicate<Row> visible) {
    TypeIndex t = ensureLoaded(o);
    Map<String, Totals> out = new java.util.TreeMap<>();
    for (Row row : t.rows.values()) {
      if (!visible.test(row)) {
        continue;
      }
      Object group = row.keys().get(groupField);
      Object value = row.keys().get(sumField);
      String key = group == null ? "" : group.toString();
      Totals before = out.getOrDefault(key, new Totals(0, java.math.BigDecimal.ZERO));
      out.put(key, new Totals(before.count() + 1,
          value instanceof java.math.BigDecimal b ? before.sum().add(b) : before.sum()));
    }
    return out;
  }

  /** Compares two rows by a sort field, nulls last; used to order search results the same way. */
  public static Comparator<Row> comparator(String sortField, boolean descending) {
    Comparator<Row> byKey = (a, b) -> {
      Comparable<?> ka = key(a, sortField);
      Comparable<?> kb = key(b, sortField);
      if (ka == null || kb == null) {
        return ka == null ? (kb == null ? 0 : 1) : -1;
      }
      int c = compareValues(ka, kb);
      return descending ? -c : c;
    };
    return byKey.thenComparing(Row::id);
  }

  public Row row(ObjectDef o, StoredRecord r, Map<String, Object> values) {
    Map<String, Comparable<?>> keys = new HashMap<>();
    for (FieldDef f : o.sortableFields()) {
      Object v = values.get(f.apiName());
      if (v instanceof String s) {
        keys.put(f.apiName(), Normaliser.text(s));
      } else if (v instanceof Comparable<?> c) {
        keys.put(f.apiName(), c);
      }
    }
    return new Row(r.id(), r.ownerId(), r.team(), r.createdAt(), r.updatedAt(), keys);
  }

  /**
   * Follows the change feed so writes on other nodes appear in this node's lists within seconds. Sequence numbers
   * are taken when a change is written but become visible when its transaction commits, so a number below the
   * last one followed may still arrive: each skipped number is asked for again on every round until it shows up or
   * {@link #GAP_WAIT} has passed (a rolled-back transaction leaves a number that never comes).
   */
  @Scheduled(fixedDelayString = "${steward.records.follow-ms:2000}")
  public void follow() {
    if (followedSeq < 0) {
      return;
    }
    long now = System.nanoTime();
    if (!gaps.isEmpty()) {
      for (Change c : store.changesIn(gaps.keySet().stream().limit(1_000).toList())) {
        apply(c);
        gaps.remove(c.seq());
      }
      gaps.values().removeIf(since -> now - since > GAP_WAIT.toNanos());
    }
    List<Change> changes;
    while (!(changes = store.changesAfter(followedSeq, BATCH)).isEmpty()) {
      for (Change c : changes) {
        for (long missing = followedSeq + 1; missing < c.seq() && gaps.size() < MAX_GAPS; missing++) {
          gaps.put(missing, now);
        }
        apply(c);
        followedSeq = c.seq();
      }
    }
  }

  private void apply(Change c) {
    if (c.op().equals("delete")) {
      codec.forgetKeys(c.recordId()); // erased on some node: this node's memory of its wrapped keys goes too
    }
    TypeIndex t = types.get(c.objectType());
    if (t == null || !t.loaded) {
      return;
    }
    if (c.op().equals("delete")) {
      remove(c.objectType(), c.recordId());
    } else {
      schema.find(c.objectType()).ifPresent(o -> store.find(o.apiName(), c.recordId())
          .ifPresentOrElse(r -> put(o, r, codec.decode(o, r)), () -> remove(o.apiName(), c.recordId())));
    }
  }

  /** Builds the index of a type ahead of its first list (at start-up, in the background). */
  public void warm(ObjectDef o) {
    ensureLoaded(o);
  }

  /** A serving Steward builds every type's index in the background at start, so the first list is fast. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  public void warmAllInBackground(org.springframework.boot.context.event.ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof org.springframework.boot.web.server.context.WebServerApplicationContext)) {
      return;
    }
    Thread t = new Thread(() -> schema.objects().forEach(o -> {
      try {
        ensureLoaded(o);
      } catch (RuntimeException e) {
        log.warn("Sort index for {} not built at start ({}); it is built at first use", o.apiName(), e.getClass().getSimpleName());
      }
    }), "sort-index-warm");
    t.setDaemon(true);
    t.start();
  }

  /** Loads every record of a type (decrypting in batches) the first time its list is needed. */
  private TypeIndex ensureLoaded(ObjectDef o) {
    TypeIndex t = types.computeIfAbsent(o.apiName(), k -> new TypeIndex());
    if (t.loaded) {
      return t;
    }
    synchronized (t) {
      if (t.loaded) {
        return t;
      }
      t.loading = true;
      if (followedSeq < 0) {
        followedSeq = Math.max(0, store.lastChange() - REPLAY);
      }
      long started = System.nanoTime();
      UUID after = null;
      List<StoredRecord> batch;
      while (!(batch = store.scan(o.apiName(), after, BATCH)).isEmpty()) {
        Map<UUID, Map<String, Object>> values = codec.decodeAll(o, batch);
        for (StoredRecord r : batch) {
          t.rows.putIfAbsent(r.id(), row(o, r, values.get(r.id())));
        }
        after = batch.get(batch.size() - 1).id();
      }
      t.loaded = true;
      t.loading = false;
      t.sorted = new ConcurrentHashMap<>();
      log.info("Sort index for {} built: {} records in {} ms", o.apiName(), t.rows.size(), (System.nanoTime() - started) / 1_000_000);
      return t;
    }
  }

  private static Sorted sort(TypeIndex t, String field) {
    Row[] rows = t.rows.values().toArray(new Row[0]);
    Arrays.sort(rows, comparator(field, false));
    int nonNull = 0;
    for (int i = 0; i < rows.length; i++) {
      if (key(rows[i], field) != null) {
        nonNull = i + 1;
      }
    }
    return new Sorted(rows, nonNull);
  }

  private static Comparable<?> key(Row r, String field) {
    return switch (field) {
      case "createdAt" -> r.createdAt();
      case "updatedAt" -> r.updatedAt();
      default -> r.keys().get(field);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Comparable a, Comparable b) {
    if (a.getClass() != b.getClass()) {
      return a.toString().compareTo(b.toString());
    }
    return a.compareTo(b);
  }
}
