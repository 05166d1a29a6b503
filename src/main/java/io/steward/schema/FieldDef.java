package io.steward.schema;

import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One field of an object type, built-in or custom: every security rule (encryption, guard, permissions,
 * audit, purposes) reads it from here, so it applies to custom fields exactly as to built-in ones.
 */
public record FieldDef(
    String objectType,
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
    String defaultValue,
    int position,
    boolean retired) {

  public FieldDef {
    Objects.requireNonNull(objectType);
    Objects.requireNonNull(apiName);
    Objects.requireNonNull(type);
    Objects.requireNonNull(classification);
    searchMode = searchMode == null ? SearchMode.NONE : searchMode;
    purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
    options = options == null ? List.of() : List.copyOf(options);
    label = label == null || label.isBlank() ? apiName : label;
  }

  public boolean isProtected() {
    return classification.isProtected();
  }

  public boolean isSensitive() {
    return classification == Classification.SENSITIVE;
  }

  /** The name used for blind-index keys and index rows: unique across object types. */
  public String qualifiedName() {
    return objectType + "." + apiName;
  }

  public FieldDef retire() {
    return new FieldDef(objectType, apiName, label, type, classification, required, searchMode, sortable, purposes, retentionDays,
        maxLength, min, max, pattern, options, relationTarget, helpText, defaultValue, position, true);
  }
}
