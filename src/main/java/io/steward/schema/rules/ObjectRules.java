package io.steward.schema.rules;

import io.steward.schema.FieldDef;
import io.steward.schema.InvalidSchemaException.Problem;
import io.steward.schema.ObjectDef;
import io.steward.schema.ObjectSpec;
import io.steward.schema.PurposeDef;
import io.steward.schema.LegalBasis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules an object type must follow: a free name and collection, title fields it has, default purposes that exist. */
public final class ObjectRules {

  /** Path segments the web UI and the API use themselves. */
  public static final Set<String> RESERVED = Set.of("admin", "schema", "api", "me", "tokens", "users", "roles", "grants", "purposes",
      "inventory", "new", "o", "settings", "pipeline", "login", "logout", "setup", "error");

  private ObjectRules() {}

  public static List<Problem> checkNew(ObjectSpec s, Collection<ObjectDef> existing) {
    List<Problem> out = new ArrayList<>();
    if (!FieldRules.API_NAME.matcher(s.apiName()).matches()) {
      out.add(new Problem("apiName", "api-name", "The API name must start with a lower-case letter and hold only letters and digits "
          + "(at most 64), like 'project'."));
    } else if (RESERVED.contains(s.apiName())) {
      out.add(new Problem("apiName", "reserved", "'" + s.apiName() + "' is reserved; choose another API name."));
    } else if (existing.stream().anyMatch(o -> o.apiName().equals(s.apiName()) || o.collection().equals(s.apiName()))) {
      out.add(new Problem("apiName", "duplicate", "There is already an object type or collection named '" + s.apiName() + "'."));
    }
    return out;
  }

  /** Labels, default purposes, title fields and default sort, checked against the object's fields as they will be. */
  public static List<Problem> checkSettings(ObjectSpec s, List<FieldDef> fields, Map<String, PurposeDef> purposes) {
    List<Problem> out = new ArrayList<>();
    if (s.label() == null || s.label().isBlank() || s.label().length() > 100) {
      out.add(new Problem("label", "label", "Give the object a label of 1 to 100 characters."));
    }
    if (s.pluralLabel() == null || s.pluralLabel().isBlank() || s.pluralLabel().length() > 100) {
      out.add(new Problem("pluralLabel", "label", "Give the object a plural label of 1 to 100 characters."));
    }
    if (s.defaultPurposes().isEmpty()) {
      out.add(new Problem("defaultPurposes", "required", "Name the purposes a record gets when its creator names none."));
    }
    for (String p : s.defaultPurposes()) {
      PurposeDef def = purposes.get(p);
      if (def == null) {
        out.add(new Problem("defaultPurposes", "unknown-purpose", "There is no purpose named '" + FieldRules.safe(p) + "'."));
      } else if (def.defaultBasis() == LegalBasis.CONSENT) {
        out.add(new Problem("defaultPurposes", "consent-default", def.label() + " is held on consent, which a record cannot get by "
            + "default; it must be given with its wording and time."));
      }
    }
    if (s.titleFields().isEmpty()) {
      out.add(new Problem("titleFields", "required", "Choose the field or fields that name a record."));
    }
    for (String t : s.titleFields()) {
      FieldDef f = fields.stream().filter(x -> x.apiName().equals(t) && !x.retired()).findFirst().orElse(null);
      if (f == null) {
        out.add(new Problem("titleFields", "unknown-field", "The title field '" + FieldRules.safe(t) + "' is not an active field of this object."));
      } else if (f.isSensitive()) {
        out.add(new Problem("titleFields", "sensitive-title", "A sensitive field cannot name a record: titles show in lists and relations."));
      }
    }
    if (s.defaultSort() != null && fields.stream().noneMatch(x -> x.apiName().equals(s.defaultSort()) && x.sortable() && !x.retired())) {
      out.add(new Problem("defaultSort", "not-sortable", "The default sort must be a sortable field of this object."));
    }
    return out;
  }
}
