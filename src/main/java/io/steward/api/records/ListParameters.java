package io.steward.api.records;

import io.steward.api.problems.ApiException;
import io.steward.api.problems.SafeNames;
import io.steward.records.RecordQuery;
import io.steward.schema.ObjectDef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a collection's query string into a {@link RecordQuery}: {@code q}, {@code sort}, {@code page} and
 * {@code size} are reserved, every other parameter must name a field (the record service then checks that it
 * is searchable and visible to the caller). Errors name the parameter, never its value.
 */
final class ListParameters {

  static final Set<String> RESERVED = Set.of("q", "sort", "page", "size");

  private ListParameters() {}

  static RecordQuery parse(ObjectDef o, Map<String, String[]> params, SafeNames names) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : params.entrySet()) {
      String name = e.getKey();
      boolean known = RESERVED.contains(name) || o.field(name).isPresent();
      if (!known) {
        String shown = names.name(name, "(an unknown parameter)");
        throw ApiException.badParameter(shown, "unknown-parameter", "There is no field '" + shown + "' on " + o.label()
            + ". Filter by a searchable field, or use q, sort, page and size.");
      }
      if (e.getValue().length != 1) {
        throw ApiException.badParameter(name, "repeated", "Give this parameter once.");
      }
      if (!RESERVED.contains(name)) {
        filters.put(name, e.getValue()[0]);
      }
    }
    int page = number(params, "page", 0, 0, 1_000_000, "page must be a whole number, 0 or more.");
    int size = number(params, "size", 50, 1, RecordQuery.MAX_SIZE, "size must be a whole number from 1 to " + RecordQuery.MAX_SIZE + ".");
    return new RecordQuery(filters, single(params, "q"), single(params, "sort"), page, size);
  }

  private static String single(Map<String, String[]> params, String name) {
    String[] v = params.get(name);
    return v == null || v[0].isBlank() ? null : v[0];
  }

  private static int number(Map<String, String[]> params, String name, int dflt, int min, int max, String message) {
    String v = single(params, name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, without the value
    }
    throw ApiException.badParameter(name, "range", message);
  }
}
