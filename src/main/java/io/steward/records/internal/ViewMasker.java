package io.steward.records.internal;

import io.steward.access.AccessPolicy;
import io.steward.access.FieldLevel;
import io.steward.access.Principal;
import io.steward.records.FieldValue;
import io.steward.records.RecordView;
import io.steward.records.store.RecordStore.StoredRecord;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.shared.RecordId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a record down to what one caller may see, asking the access policy for each field: hidden fields
 * vanish, sensitive ones stay masked unless revealed. Also says which protected fields a view shows, for the
 * audit trail.
 */
public final class ViewMasker {

  private final AccessPolicy policy;

  public ViewMasker(AccessPolicy policy) {
    this.policy = policy;
  }

  public record Masked(RecordView view, List<String> protectedFieldsShown) {}

  public Masked view(Principal p, ObjectDef o, StoredRecord r, Map<String, Object> values, Set<String> revealed) {
    Map<String, FieldValue> shown = new LinkedHashMap<>();
    List<String> protectedShown = new ArrayList<>();
    for (FieldDef f : o.fields()) {
      Object v = values.get(f.apiName());
      if (v == null) {
        continue;
      }
      FieldLevel level = policy.fieldLevel(p, o.apiName(), f.apiName(), f.classification());
      if (level == FieldLevel.HIDDEN) {
        continue;
      }
      boolean show = level.atLeast(FieldLevel.READ) && (!f.isSensitive() || revealed.contains(f.apiName()));
      if (show) {
        shown.put(f.apiName(), FieldValue.shown(v));
        if (f.isProtected()) {
          protectedShown.add(f.apiName());
        }
      } else {
        shown.put(f.apiName(), new FieldValue.Masked(level.atLeast(FieldLevel.READ)));
      }
    }
    String title = title(o, shown);
    RecordView view = new RecordView(new RecordId(r.id()), o.apiName(), r.version(), r.createdAt(), r.updatedAt(), r.ownerId(), r.team(),
        title, shown, purposeNames(r.purposes()));
    return new Masked(view, protectedShown);
  }

  public static List<String> purposeNames(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(x -> !x.isEmpty()).sorted().toList();
  }

  private static String title(ObjectDef o, Map<String, FieldValue> shown) {
    StringBuilder sb = new StringBuilder();
    for (String field : o.titleFields()) {
      if (shown.get(field) instanceof FieldValue.Shown s) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(s.value());
      }
    }
    return sb.isEmpty() ? o.label() : sb.toString();
  }
}
