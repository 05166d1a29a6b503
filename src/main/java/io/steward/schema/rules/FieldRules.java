package io.steward.schema.rules;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldSpec;
import io.steward.schema.FieldType;
import io.steward.schema.InvalidSchemaException.Problem;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules a field definition must follow, checked before anything is stored. Each broken rule becomes a
 * problem naming the attribute; none blocks existing records, which keep their values whatever the definition.
 */
public final class FieldRules {

  public static final Pattern API_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
  /** Keys the API and the record service use themselves; a field may not take them. */
  public static final Set<String> RESERVED = Set.of("id", "version", "createdAt", "updatedAt", "ownerId", "masked", "purposes",
      "eraseUnjustified", "team", "objectType");
  public static final int MAX_LENGTH = 10_000;

  private static final Set<FieldType> TEXTUAL = EnumSet.of(FieldType.TEXT, FieldType.LONG_TEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.URL);
  private static final Set<FieldType> PREFIXABLE = EnumSet.of(FieldType.TEXT, FieldType.EMAIL, FieldType.PHONE, FieldType.URL);
  private static final Set<FieldType> UNSORTABLE = EnumSet.of(FieldType.LONG_TEXT, FieldType.MULTI_PICKLIST, FieldType.RELATION);
  private static final Set<FieldType> UNSEARCHABLE = EnumSet.of(FieldType.LONG_TEXT, FieldType.MULTI_PICKLIST);

  private FieldRules() {}

  /** What a field may refer to: the object types (existing or about to be) and the defined purposes. */
  public record Context(Set<String> objectTypes, Set<String> purposes) {}

  /** Problems with a new field, or with a change when {@code existing} is given. */
  public static List<Problem> check(FieldSpec s, FieldDef existing, Set<String> siblingNames, Context ctx) {
    List<Problem> out = new ArrayList<>();
    if (existing == null) {
      if (!API_NAME.matcher(s.apiName()).matches()) {
        out.add(new Problem("apiName", "api-name", "The API name must start with a lower-case letter and hold only letters and digits "
            + "(at most 64), like 'shoeSize'."));
      } else if (RESERVED.contains(s.apiName())) {
        out.add(new Problem("apiName", "reserved", "'" + s.apiName() + "' is reserved; choose another API name."));
      } else if (siblingNames.contains(s.apiName())) {
        out.add(new Problem("apiName", "duplicate", "There is already a field '" + s.apiName() + "' on this object (perhaps retired)."));
      }
    } else {
      if (existing.retired()) {
        out.add(new Problem("apiName", "retired", existing.label() + " is retired and can no longer be changed."));
      }
      if (s.type() != null && s.type() != existing.type()) {
        out.add(new Problem("type", "type-fixed", "A field's type cannot change once it holds data; retire it and add a new field."));
      }
      if (existing.type() == FieldType.RELATION && s.relationTarget() != null && !s.relationTarget().equals(existing.relationTarget())) {
        out.add(new Problem("relationTarget", "target-fixed", "A relation's target cannot change; retire it and add a new field."));
      }
    }
    if (s.label() == null || s.label().isBlank() || s.label().length() > 100) {
      out.add(new Problem("label", "label", "Give the field a label of 1 to 100 characters."));
    }
    if (s.type() == null) {
      out.add(new Problem("type", "required", "Choose the field's type."));
      return out;
    }
    if (s.classification() == null) {
      out.add(new Problem("classification", "required", "Choose a classification: public, internal, personal or sensitive."));
      return out;
    }
    checkOptions(s, out);
    checkRelation(s, ctx, out);
    checkValidation(s, out);
    checkSearch(s, out);
    checkPurposes(s.purposes(), ctx, out);
    if (s.retentionDays() != null && (s.retentionDays() < 1 || s.retentionDays() > 36_500)) {
      out.add(new Problem("retentionDays", "range", "Retention is a number of days from 1 to 36500, or empty to keep values while needed."));
    }
    if (s.helpText() != null && s.helpText().length() > 500) {
      out.add(new Problem("helpText", "too-long", "Help text can be at most 500 characters."));
    }
    if (s.defaultValue() != null && out.isEmpty()) {
      checkDefault(s, out);
    }
    return out;
  }

  public static void checkPurposes(Set<String> purposes, Context ctx, List<Problem> out) {
    if (purposes.isEmpty()) {
      out.add(new Problem("purposes", "required", "Name at least one purpose this field serves: a value is accepted only on records held for it."));
    }
    for (String p : purposes) {
      if (!ctx.purposes().contains(p)) {
        out.add(new Problem("purposes", "unknown-purpose", "There is no purpose named '" + safe(p) + "'; define it first."));
      }
    }
  }

  private static void checkOptions(FieldSpec s, List<Problem> out) {
    boolean picklist = s.type() == FieldType.PICKLIST || s.type() == FieldType.MULTI_PICKLIST;
    if (!picklist) {
      if (!s.options().isEmpty()) {
        out.add(new Problem("options", "not-picklist", "Only picklists have options."));
      }
      return;
    }
    if (s.options().isEmpty() || s.options().size() > 200) {
      out.add(new Problem("options", "options", "A picklist needs 1 to 200 options."));
    }
    Set<String> seen = new HashSet<>();
    for (String o : s.options()) {
      if (o.length() > 100 || o.contains(",")) {
        out.add(new Problem("options", "option", "Options are at most 100 characters and contain no commas."));
        break;
      }
      if (!seen.add(o)) {
        out.add(new Problem("options", "duplicate-option", "Each option may appear once."));
        break;
      }
    }
  }

  private static void checkRelation(FieldSpec s, Context ctx, List<Problem> out) {
    if (s.type() != FieldType.RELATION) {
      if (s.relationTarget() != null) {
        out.add(new Problem("relationTarget", "not-relation", "Only relation fields have a target."));
      }
      return;
    }
    if (s.relationTarget() == null || !ctx.objectTypes().contains(s.relationTarget())) {
      out.add(new Problem("relationTarget", "unknown-object", "A relation must point at an existing object type."));
    }
    if (s.classification().isProtected()) {
      out.add(new Problem("classification", "relation-classification", "A relation holds a record id: classify it public or internal."));
    }
  }

  private static void checkValidation(FieldSpec s, List<Problem> out) {
    if (s.maxLength() != null && (!TEXTUAL.contains(s.type()) || s.maxLength() < 1 || s.maxLength() > MAX_LENGTH)) {
      out.add(new Problem("maxLength", "max-length", "A maximum length applies to text fields and is 1 to " + MAX_LENGTH + "."));
    }
    boolean numeric = s.type() == FieldType.NUMBER || s.type() == FieldType.CURRENCY;
    if ((s.min() != null || s.max() != null) && !numeric) {
      out.add(new Problem("min", "range", "A range applies to number and currency fields only."));
    }
    if (s.min() != null && s.max() != null && s.min().compareTo(s.max()) > 0) {
      out.add(new Problem("min", "range", "The minimum must not be greater than the maximum."));
    }
    if (s.pattern() != null) {
      if (!TEXTUAL.contains(s.type())) {
        out.add(new Problem("pattern", "pattern", "A pattern applies to text fields only."));
      } else if (s.pattern().length() > 500) {
        out.add(new Problem("pattern", "pattern", "A pattern can be at most 500 characters."));
      } else {
        try {
          Pattern.compile(s.pattern());
        } catch (PatternSyntaxException e) {
          out.add(new Problem("pattern", "invalid-pattern", "The pattern is not a valid regular expression: "
              + e.getDescription().toLowerCase(Locale.ROOT) + "."));
        }
      }
    }
  }

  private static void checkSearch(FieldSpec s, List<Problem> out) {
    if (s.classification() == Classification.SENSITIVE) {
      if (s.searchMode() != SearchMode.NONE) {
        out.add(new Problem("searchMode", "sensitive-search", "Sensitive fields cannot be searched: their values must not be findable."));
      }
      if (s.sortable()) {
        out.add(new Problem("sortable", "sensitive-sort", "Sensitive fields cannot be sorted on."));
      }
    }
    if (s.searchMode() == SearchMode.PREFIX && !PREFIXABLE.contains(s.type())) {
      out.add(new Problem("searchMode", "prefix", "Type-ahead (prefix) search works on short text, email, phone and URL fields."));
    }
    if (s.searchMode() == SearchMode.EXACT && UNSEARCHABLE.contains(s.type())) {
      out.add(new Problem("searchMode", "exact", "Long text and multi-select fields cannot be searched."));
    }
    if (s.sortable() && UNSORTABLE.contains(s.type())) {
      out.add(new Problem("sortable", "sortable", "Long text, multi-select and relation fields cannot be sorted on."));
    }
  }

  /** A default must be a value the field itself would accept. */
  private static void checkDefault(FieldSpec s, List<Problem> out) {
    String v = s.defaultValue();
    Problem bad = new Problem("defaultValue", "default", "The default value is not a valid " + s.type().apiName() + " for this field.");
    try {
      switch (s.type()) {
        case NUMBER, CURRENCY -> {
          BigDecimal n = new BigDecimal(v);
          if (s.min() != null && n.compareTo(s.min()) < 0 || s.max() != null && n.compareTo(s.max()) > 0) {
            out.add(bad);
          }
        }
        case DATE -> LocalDate.parse(v);
        case DATE_TIME -> {
          try {
            OffsetDateTime.parse(v);
          } catch (DateTimeParseException e) {
            Instant.parse(v);
          }
        }
        case BOOLEAN -> {
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            out.add(bad);
          }
        }
        case PICKLIST -> {
          if (!s.options().contains(v)) {
            out.add(bad);
          }
        }
        case MULTI_PICKLIST -> {
          for (String item : v.split(",")) {
            if (!s.options().contains(item.strip())) {
              out.add(bad);
              break;
            }
          }
        }
        case RELATION, PAYMENT_TOKEN -> out.add(new Problem("defaultValue", "default", "This type of field cannot have a default."));
        default -> {
          int max = s.maxLength() != null ? s.maxLength() : 255;
          if (v.length() > Math.min(max, 500) || s.pattern() != null && !Pattern.compile(s.pattern()).matcher(v).matches()) {
            out.add(bad);
          }
        }
      }
    } catch (RuntimeException e) {
      out.add(bad);
    }
  }

  static String safe(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("[^A-Za-z0-9_.\\-]", "?");
  }
}
