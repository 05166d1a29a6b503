package io.steward.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An object type: Contact, Company, Deal, Activity, or one a business added. {@code collection} is the URL
 * segment of its REST collection ("contacts"); {@code titleFields} make a record's display name.
 */
public record ObjectDef(
    String apiName,
    String label,
    String pluralLabel,
    String collection,
    boolean builtin,
    List<String> titleFields,
    String defaultSort,
    Set<String> defaultPurposes,
    List<FieldDef> fields) {

  public ObjectDef {
    titleFields = List.copyOf(titleFields);
    defaultPurposes = Set.copyOf(defaultPurposes);
    fields = List.copyOf(fields);
  }

  public Optional<FieldDef> field(String name) {
    for (FieldDef f : fields) {
      if (f.apiName().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public List<FieldDef> activeFields() {
    return fields.stream().filter(f -> !f.retired()).toList();
  }

  public List<FieldDef> searchableFields() {
    return activeFields().stream().filter(f -> f.searchMode() != SearchMode.NONE).toList();
  }

  public List<FieldDef> prefixFields() {
    return activeFields().stream().filter(f -> f.searchMode() == SearchMode.PREFIX).toList();
  }

  public List<FieldDef> sortableFields() {
    return activeFields().stream().filter(FieldDef::sortable).toList();
  }

  public List<FieldDef> relations() {
    return activeFields().stream().filter(f -> f.type() == FieldType.RELATION).toList();
  }
}
