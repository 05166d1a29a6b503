package io.steward.schema;

import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What an administrator asks for when adding or changing a field (form, API body or YAML). {@link SchemaAdmin}
 * validates it; the stored {@link FieldDef} is made from it.
 */
public record FieldSpec(
    String apiName,
    String label,
    FieldType type,
    Classification classification,
    boolean required,
    SearchMode searchMode,
    boolean sortable,
    Set<String> purposes,
    Integer retentionDays,
    Integer maxLength,
    BigDecimal min,
    BigDecimal max,
    String pattern,
    List<String> options,
    String relationTarget,
    String helpText,
    String defaultValue) {

  public FieldSpec {
    apiName = apiName == null ? "" : apiName.strip();
    label = label == null ? null : label.strip();
    searchMode = searchMode == null ? SearchMode.NONE : searchMode;
    purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
    options = options == null ? List.of() : options.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    pattern = blankToNull(pattern);
    relationTarget = blankToNull(relationTarget);
    helpText = blankToNull(helpText);
    defaultValue = blankToNull(defaultValue);
  }

  public static FieldSpec of(FieldDef f) {
    return new FieldSpec(f.apiName(), f.label(), f.type(), f.classification(), f.required(), f.searchMode(), f.sortable(), f.purposes(),
        f.retentionDays(), f.maxLength(), f.min(), f.max(), f.pattern(), f.options(), f.relationTarget(), f.helpText(), f.defaultValue());
  }

  public FieldDef toDef(String objectType, int position, boolean retired) {
    return new FieldDef(objectType, apiName, label, type, classification, required, searchMode, sortable, purposes, retentionDays, maxLength,
        min, max, pattern, options, relationTarget, helpText, defaultValue, position, retired);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
