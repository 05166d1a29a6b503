package io.steward.api.records;

import io.steward.records.FieldValue;
import io.steward.records.RecordView;
import io.steward.shared.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record as API JSON: one flat object keyed by field API name, plus {@code id}, {@code version},
 * {@code createdAt}, {@code updatedAt} and {@code ownerId}. A masked value is never rendered as a stand-in
 * string: its field is left out and named in {@code masked}, so a client cannot mistake a mask for data.
 */
final class RecordJson {

  /** Keys the API itself writes; in a request body they are ignored (version is the concurrency check). */
  static final Set<String> SYSTEM_KEYS = Set.of("id", "version", "createdAt", "updatedAt", "ownerId", "masked");

  private RecordJson() {}

  static Map<String, Object> render(RecordView v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", v.id().toString());
    out.put("version", v.version());
    out.put("createdAt", v.createdAt().toString());
    out.put("updatedAt", v.updatedAt().toString());
    out.put("ownerId", v.ownerId() == null ? null : v.ownerId().toString());
    List<String> masked = new ArrayList<>();
    for (Map.Entry<String, FieldValue> e : v.values().entrySet()) {
      if (SYSTEM_KEYS.contains(e.getKey())) {
        continue; // reserved names; the schema should refuse them for custom fields
      }
      if (e.getValue() instanceof FieldValue.Shown s) {
        out.put(e.getKey(), s.value());
      } else {
        masked.add(e.getKey());
      }
    }
    out.put("masked", masked);
    return out;
  }

  static Map<String, Object> page(Page<RecordView> page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.items().stream().map(RecordJson::render).toList());
    out.put("page", page.page());
    out.put("size", page.size());
    out.put("total", page.total());
    return out;
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
