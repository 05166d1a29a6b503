package io.steward.api;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldSpec;
import io.steward.schema.FieldType;
import io.steward.schema.LegalBasis;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON bodies of the schema administration API, read strictly (unknown keys refused) and written flat. */
final class SchemaBodies {

  private static final Set<String> FIELD_KEYS = Set.of("apiName", "label", "type", "classification", "required", "searchMode", "sortable",
      "purposes", "retentionDays", "maxLength", "min", "max", "pattern", "options", "relationTarget", "helpText", "defaultValue");

  private SchemaBodies() {}

  /** A body that does not have the expected shape; the message names the key, never its value. */
  static final class BadBodyException extends RuntimeException {
    BadBodyException(String message) {
      super(message, null, false, false);
    }
  }

  static void only(Map<String, Object> body, String... keys) {
    Set<String> allowed = Set.of(keys);
    for (String k : body.keySet()) {
      if (!allowed.contains(k)) {
        throw new BadBodyException("Unknown key '" + safe(k) + "'. Allowed: " + String.join(", ", keys) + ".");
      }
    }
  }

  /** A field spec from a body; with {@code base}, keys absent from the body keep the base's values (a merge patch). */
  static FieldSpec field(Map<String, Object> b, FieldSpec base) {
    for (String k : b.keySet()) {
      if (!FIELD_KEYS.contains(k)) {
        throw new BadBodyException("Unknown field attribute '" + safe(k) + "'.");
      }
    }
    FieldSpec d = base != null ? base : new FieldSpec(null, null, null, null, false, SearchMode.NONE, false, Set.of(), null, null, null, null,
        null, List.of(), null, null, null);
    try {
      return new FieldSpec(
          b.containsKey("apiName") ? text(b, "apiName") : d.apiName(),
          b.containsKey("label") ? text(b, "label") : d.label(),
          b.containsKey("type") ? FieldType.fromApiName(text(b, "type")) : d.type(),
          b.containsKey("classification") ? Classification.fromApiName(text(b, "classification")) : d.classification(),
          b.containsKey("required") ? bool(b, "required") : d.required(),
          b.containsKey("searchMode") ? SearchMode.fromApiName(text(b, "searchMode")) : d.searchMode(),
          b.containsKey("sortable") ? bool(b, "sortable") : d.sortable(),
          b.containsKey("purposes") ? new LinkedHashSet<>(texts(b, "purposes")) : d.purposes(),
          b.containsKey("retentionDays") ? integer(b, "retentionDays") : d.retentionDays(),
          b.containsKey("maxLength") ? integer(b, "maxLength") : d.maxLength(),
          b.containsKey("min") ? decimal(b, "min") : d.min(),
          b.containsKey("max") ? decimal(b, "max") : d.max(),
          b.containsKey("pattern") ? text(b, "pattern") : d.pattern(),
          b.containsKey("options") ? texts(b, "options") : d.options(),
          b.containsKey("relationTarget") ? text(b, "relationTarget") : d.relationTarget(),
          b.containsKey("helpText") ? text(b, "helpText") : d.helpText(),
          b.containsKey("defaultValue") ? text(b, "defaultValue") : d.defaultValue());
    } catch (IllegalArgumentException e) {
      if (e instanceof io.steward.schema.InvalidSchemaException) {
        throw e;
      }
      throw new BadBodyException("type, classification or searchMode has a value Steward does not know.");
    }
  }

  static PurposeDef purpose(Map<String, Object> b, PurposeDef base) {
    String basis = b.containsKey("defaultBasis") ? text(b, "defaultBasis") : null;
    LegalBasis parsed = basis == null ? (base == null ? null : base.defaultBasis())
        : LegalBasis.parse(basis).orElseThrow(() -> new BadBodyException("defaultBasis must be consent, contract, legitimate-interest or legal-obligation."));
    return new PurposeDef(base != null ? base.name() : nz(text(b, "name")),
        b.containsKey("label") ? text(b, "label") : base == null ? null : base.label(),
        b.containsKey("description") ? text(b, "description") : base == null ? null : base.description(), parsed, false);
  }

  static Map<String, Object> render(ObjectDef o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiName", o.apiName());
    m.put("label", o.label());
    m.put("pluralLabel", o.pluralLabel());
    m.put("collection", o.collection());
    m.put("builtin", o.builtin());
    m.put("titleFields", o.titleFields());
    m.put("defaultSort", o.defaultSort());
    m.put("defaultPurposes", o.defaultPurposes().stream().sorted().toList());
    m.put("fields", o.fields().stream().map(SchemaBodies::render).toList());
    return m;
  }

  static Map<String, Object> render(FieldDef f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objectType", f.objectType());
    m.put("apiName", f.apiName());
    m.put("label", f.label());
    m.put("type", f.type().apiName());
    m.put("classification", f.classification().apiName());
    m.put("required", f.required());
    m.put("searchMode", f.searchMode().apiName());
    m.put("sortable", f.sortable());
    m.put("purposes", f.purposes().stream().sorted().toList());
    m.put("retentionDays", f.retentionDays());
    m.put("maxLength", f.maxLength());
    m.put("min", f.min());
    m.put("max", f.max());
    m.put("pattern", f.pattern());
    m.put("options", f.options());
    m.put("relationTarget", f.relationTarget());
    m.put("helpText", f.helpText());
    m.put("defaultValue", f.defaultValue());
    m.put("retired", f.retired());
    return m;
  }

  static Map<String, Object> render(PurposeDef p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("label", p.label());
    m.put("description", p.description());
    m.put("defaultBasis", p.defaultBasis().apiName());
    m.put("builtin", p.builtin());
    return m;
  }

  static String text(Map<String, Object> b, String key) {
    Object v = b.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadBodyException("'" + key + "' must be a string.");
    }
    return s;
  }

  static List<String> texts(Map<String, Object> b, String key) {
    List<String> out = new ArrayList<>();
    for (Object item : list(b, key)) {
      if (!(item instanceof String s)) {
        throw new BadBodyException("'" + key + "' must be a list of strings.");
      }
      out.add(s);
    }
    return out;
  }

  static List<?> list(Map<String, Object> b, String key) {
    Object v = b.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new BadBodyException("'" + key + "' must be a list.");
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v, String key) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new BadBodyException("Each of '" + key + "' must be an object.");
    }
    return (Map<String, Object>) m;
  }

  private static boolean bool(Map<String, Object> b, String key) {
    if (!(b.get(key) instanceof Boolean v)) {
      throw new BadBodyException("'" + key + "' must be true or false.");
    }
    return v;
  }

  private static Integer integer(Map<String, Object> b, String key) {
    Object v = b.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer i)) {
      throw new BadBodyException("'" + key + "' must be a whole number.");
    }
    return i;
  }

  private static BigDecimal decimal(Map<String, Object> b, String key) {
    Object v = b.get(key);
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v.toString());
    } catch (NumberFormatException e) {
      throw new BadBodyException("'" + key + "' must be a number.");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String safe(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("[^A-Za-z0-9_.\\-]", "?");
  }
}
