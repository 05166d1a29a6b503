package io.steward.records;

import java.util.Map;

/**
 * A list request: exact-match filters by searchable field, an optional name type-ahead ({@code q}, 3+ characters),
 * a sort field (prefix "-" for descending) and a page.
 */
public record RecordQuery(Map<String, String> filters, String q, String sort, int page, int size, java.util.UUID ownerId) {

  public static final int MAX_SIZE = 200;

  public RecordQuery {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    page = Math.max(0, page);
    size = size <= 0 ? 50 : Math.min(size, MAX_SIZE);
  }

  public RecordQuery(Map<String, String> filters, String q, String sort, int page, int size) {
    this(filters, q, sort, page, size, null);
  }

  public static RecordQuery firstPage() {
    return new RecordQuery(Map.of(), null, null, 0, 50);
  }

  /** The same request restricted to records owned by one user ("my tasks"). */
  public RecordQuery ownedBy(java.util.UUID owner) {
    return new RecordQuery(filters, q, sort, page, size, owner);
  }

  @Override
  public String toString() {
    return "RecordQuery[filters=" + filters.keySet() + ", sort=" + sort + ", page=" + page + ", size=" + size + "]";
  }
}
