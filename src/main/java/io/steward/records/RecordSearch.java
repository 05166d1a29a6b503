package io.steward.records;

import io.steward.access.AccessPolicy;
import io.steward.access.FieldLevel;
import io.steward.access.Principal;
import io.steward.access.RecordScope;
import io.steward.records.index.IndexTokens;
import io.steward.records.index.SortIndex;
import io.steward.records.store.RecordCodec;
import io.steward.records.store.RecordStore;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.records.values.Normaliser;
import io.steward.records.values.ValueParser;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SearchMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the records of a list request. Without filters, the in-memory sort index pages through the records in
 * the caller's scope. With filters or type-ahead, the search index narrows candidates (blind-index tokens match
 * many values on purpose), which are then decrypted and checked exactly, so false matches never show.
 */
final class RecordSearch {

  static final int MAX_CANDIDATES = 10_000;

  private final AccessPolicy policy;
  private final RecordStore store;
  private final RecordCodec codec;
  private final IndexTokens tokens;
  private final SortIndex sortIndex;

  RecordSearch(AccessPolicy policy, RecordStore store, RecordCodec codec, IndexTokens tokens, SortIndex sortIndex) {
    this.policy = policy;
    this.store = store;
    this.codec = codec;
    this.tokens = tokens;
    this.sortIndex = sortIndex;
  }

  record Found(List<StoredRecord> records, Map<UUID, Map<String, Object>> values, long total) {}

  Found find(Principal p, ObjectDef o, RecordQuery q) {
    String sort = q.sort() == null || q.sort().isBlank() ? o.defaultSort() : q.sort().strip();
    boolean descending = sort != null && sort.startsWith("-");
    String sortField = sort == null ? "createdAt" : (descending ? sort.substring(1) : sort);
    checkSortable(p, o, sortField);
    Map<FieldDef, String> filters = filters(p, o, q.filters());
    String prefix = prefix(q.q());
    boolean inMemory = prefix == null && filters.keySet().stream().allMatch(f -> f.sortable() && !f.isProtected());
    if (inMemory) {
      boolean everyRow = policy.scope(p) == RecordScope.ALL && q.ownerId() == null && filters.isEmpty();
      var inScope = policy.scopeFilter(p);
      SortIndex.Slice slice = sortIndex.page(o, sortField, descending, everyRow ? null
          : row -> inScope.test(row.ownerId(), row.team()) && (q.ownerId() == null || q.ownerId().equals(row.ownerId()))
              && rowMatches(row, filters),
          q.page(), q.size());
      List<StoredRecord> records = inOrder(slice.ids(), store.findAll(o.apiName(), slice.ids()));
      return new Found(records, codec.decodeAll(o, records), slice.total());
    }
    Set<UUID> candidates = candidates(p, o, filters, prefix);
    List<StoredRecord> records = store.findAll(o.apiName(), candidates);
    Map<UUID, Map<String, Object>> values = codec.decodeAll(o, records);
    List<SortIndex.Row> matching = new ArrayList<>();
    Map<UUID, StoredRecord> byId = new HashMap<>();
    for (StoredRecord r : records) {
      Map<String, Object> v = values.get(r.id());
      if (policy.inScope(p, r.ownerId(), r.team()) && (q.ownerId() == null || q.ownerId().equals(r.ownerId()))
          && matches(p, o, v, filters, prefix)) {
        matching.add(sortIndex.row(o, r, v));
        byId.put(r.id(), r);
      }
    }
    matching.sort(SortIndex.comparator(sortField, descending));
    int from = Math.min(matching.size(), q.page() * q.size());
    int to = Math.min(matching.size(), from + q.size());
    List<StoredRecord> page = matching.subList(from, to).stream().map(row -> byId.get(row.id())).toList();
    return new Found(page, values, matching.size());
  }

  private void checkSortable(Principal p, ObjectDef o, String field) {
    if (field.equals("createdAt") || field.equals("updatedAt")) {
      return;
    }
    FieldDef f = o.field(field).filter(FieldDef::sortable).filter(x -> !x.isSensitive()).orElseThrow(() ->
        InvalidRecordException.malformed("sort", "not-sortable", o.pluralLabel() + " cannot be sorted by '" + safe(field) + "'."));
    if (!visible(p, o, f)) {
      throw InvalidRecordException.malformed("sort", "not-sortable", o.pluralLabel() + " cannot be sorted by '" + safe(field) + "'.");
    }
  }

  private Map<FieldDef, String> filters(Principal p, ObjectDef o, Map<String, String> raw) {
    Map<FieldDef, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      FieldDef f = o.field(e.getKey())
          .filter(x -> x.searchMode() != SearchMode.NONE && !x.isSensitive() && !x.retired())
          .filter(x -> visible(p, o, x))
          .orElseThrow(() -> InvalidRecordException.malformed(safe(e.getKey()), "not-filterable",
              o.pluralLabel() + " cannot be filtered by '" + safe(e.getKey()) + "'."));
      try {
        Object parsed = ValueParser.parse(f, e.getValue());
        out.put(f, parsed == null ? "" : Normaliser.normalise(f, parsed));
      } catch (ValueParser.FieldProblem problem) {
        throw InvalidRecordException.malformed(f.apiName(), problem.error().code(), problem.error().message());
      }
    }
    return out;
  }

  private static String prefix(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    String n = Normaliser.text(q);
    if (n.length() < IndexTokens.MIN_PREFIX) {
      throw InvalidRecordException.malformed("q", "too-short", "Type at least " + IndexTokens.MIN_PREFIX + " characters to search.");
    }
    return n;
  }

  private Set<UUID> candidates(Principal p, ObjectDef o, Map<FieldDef, String> filters, String prefix) {
    Set<UUID> result = null;
    for (Map.Entry<FieldDef, String> e : filters.entrySet()) {
      Set<UUID> ids = e.getValue().isEmpty() ? Set.of()
          : store.idsByTokens(o.apiName(), e.getKey().apiName(), tokens.exact(e.getKey(), e.getValue()), MAX_CANDIDATES + 1);
      result = result == null ? new HashSet<>(ids) : intersect(result, ids);
    }
    if (prefix != null) {
      Set<UUID> union = new HashSet<>();
      for (FieldDef f : o.prefixFields()) {
        if (visible(p, o, f) && !f.isSensitive()) {
          union.addAll(store.idsByTokens(o.apiName(), IndexTokens.prefixField(f), tokens.prefix(f, prefix), MAX_CANDIDATES + 1));
        }
      }
      result = result == null ? union : intersect(result, union);
    }
    if (result.size() > MAX_CANDIDATES) {
      throw InvalidRecordException.of("q", "too-many", "More than " + MAX_CANDIDATES + " records match; narrow the search.");
    }
    return result;
  }

  private boolean matches(Principal p, ObjectDef o, Map<String, Object> values, Map<FieldDef, String> filters, String prefix) {
    for (Map.Entry<FieldDef, String> e : filters.entrySet()) {
      if (!e.getValue().equals(Normaliser.normalise(e.getKey(), values.get(e.getKey().apiName())))) {
        return false;
      }
    }
    if (prefix == null) {
      return true;
    }
    for (FieldDef f : o.prefixFields()) {
      String n = Normaliser.normalise(f, values.get(f.apiName()));
      if (n != null && n.startsWith(prefix) && visible(p, o, f) && !f.isSensitive()) {
        return true;
      }
    }
    return false;
  }

  /** Filters on plain sortable fields are answered from the sort index's keys, without touching the database. */
  private static boolean rowMatches(SortIndex.Row row, Map<FieldDef, String> filters) {
    for (Map.Entry<FieldDef, String> e : filters.entrySet()) {
      Object key = row.keys().get(e.getKey().apiName());
      String actual = key == null ? "" : key instanceof java.math.BigDecimal b ? b.stripTrailingZeros().toPlainString() : key.toString();
      String wanted = e.getValue();
      if (key instanceof java.math.BigDecimal) {
        try {
          wanted = new java.math.BigDecimal(wanted).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException ignored) {
          return false;
        }
      }
      if (!actual.equals(wanted)) {
        return false;
      }
    }
    return true;
  }

  private boolean visible(Principal p, ObjectDef o, FieldDef f) {
    return policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification()).atLeast(FieldLevel.READ);
  }

  private static Set<UUID> intersect(Set<UUID> a, Set<UUID> b) {
    Set<UUID> out = new HashSet<>(a);
    out.retainAll(b);
    return out;
  }

  private static List<StoredRecord> inOrder(List<UUID> ids, List<StoredRecord> records) {
    Map<UUID, StoredRecord> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.id(), r));
    return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
  }

  private static String safe(String s) {
    return io.steward.records.internal.WriteChecks.safeName(s);
  }

}
