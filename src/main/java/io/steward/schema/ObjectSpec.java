package io.steward.schema;

import java.util.List;
import java.util.Set;

/**
 * A new object type or a change to one. A new type's collection is its API name; {@code fields} are its first
 * fields (if none are given it gets a required "name"); {@code titleFields} name a record in lists and relations.
 */
public record ObjectSpec(
    String apiName, String label, String pluralLabel, List<String> titleFields, String defaultSort, Set<String> defaultPurposes,
    List<FieldSpec> fields) {

  public ObjectSpec {
    apiName = apiName == null ? "" : apiName.strip();
    label = label == null ? null : label.strip();
    pluralLabel = pluralLabel == null || pluralLabel.isBlank() ? (label == null ? null : label + "s") : pluralLabel.strip();
    titleFields = titleFields == null ? List.of() : titleFields.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    defaultSort = defaultSort == null || defaultSort.isBlank() ? null : defaultSort.strip();
    defaultPurposes = defaultPurposes == null ? Set.of() : Set.copyOf(defaultPurposes);
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
