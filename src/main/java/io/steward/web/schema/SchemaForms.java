package io.steward.web.schema;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldSpec;
import io.steward.schema.FieldType;
import io.steward.schema.InvalidSchemaException;
import io.steward.schema.InvalidSchemaException.Problem;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the field form into a {@link FieldSpec} and back; what the schema refuses comes back as messages by input. */
public final class SchemaForms {

  private SchemaForms() {}

  /** What the field form shows: the values as typed, the ticked purposes, and a message per input. */
  public record FieldForm(Map<String, String> values, Set<String> purposes, Map<String, String> errors) {
    public String get(String key) {
      return values.getOrDefault(key, "");
    }

    public boolean on(String key) {
      return "true".equals(values.get(key));
    }
  }

  static FieldForm of(FieldDef f) {
    Map<String, String> v = new TreeMap<>();
    v.put("apiName", f.apiName());
    v.put("label", f.label());
    v.put("type", f.type().apiName());
    v.put("classification", f.classification().apiName());
    v.put("required", String.valueOf(f.required()));
    v.put("searchMode", f.searchMode().apiName());
    v.put("sortable", String.valueOf(f.sortable()));
    v.put("retentionDays", f.retentionDays() == null ? "" : f.retentionDays().toString());
    v.put("maxLength", f.maxLength() == null ? "" : f.maxLength().toString());
    v.put("min", f.min() == null ? "" : f.min().toPlainString());
    v.put("max", f.max() == null ? "" : f.max().toPlainString());
    v.put("pattern", nz(f.pattern()));
    v.put("options", String.join("\n", f.options()));
    v.put("relationTarget", nz(f.relationTarget()));
    v.put("helpText", nz(f.helpText()));
    v.put("defaultValue", nz(f.defaultValue()));
    return new FieldForm(v, new LinkedHashSet<>(f.purposes()), Map.of());
  }

  static FieldForm blank(Set<String> defaultPurposes) {
    Map<String, String> v = new TreeMap<>();
    v.put("type", "text");
    v.put("classification", "personal");
    v.put("searchMode", "none");
    return new FieldForm(v, new LinkedHashSet<>(defaultPurposes), Map.of());
  }

  static FieldForm read(HttpServletRequest request) {
    Map<String, String> v = new TreeMap<>();
    for (String k : List.of("apiName", "label", "type", "classification", "searchMode", "retentionDays", "maxLength", "min", "max", "pattern",
        "options", "relationTarget", "helpText", "defaultValue")) {
      String x = request.getParameter(k);
      v.put(k, x == null ? "" : x);
    }
    v.put("required", String.valueOf(request.getParameter("required") != null));
    v.put("sortable", String.valueOf(request.getParameter("sortable") != null));
    String[] purposes = request.getParameterValues("purposes");
    return new FieldForm(v, purposes == null ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(purposes)), Map.of());
  }

  static FieldForm withErrors(FieldForm form, InvalidSchemaException e) {
    Map<String, String> errors = new TreeMap<>();
    for (Problem p : e.problems()) {
      errors.putIfAbsent(p.field(), p.message());
    }
    return new FieldForm(form.values(), form.purposes(), errors);
  }

  static FieldSpec spec(FieldForm f) {
    List<Problem> problems = new ArrayList<>();
    FieldType type = parse(() -> FieldType.fromApiName(f.get("type")), "type", "Choose the field's type.", problems);
    Classification c = parse(() -> Classification.fromApiName(f.get("classification")), "classification", "Choose a classification.", problems);
    SearchMode search = parse(() -> SearchMode.fromApiName(f.get("searchMode").isBlank() ? "none" : f.get("searchMode")), "searchMode",
        "Choose a search mode.", problems);
    Integer retention = integer(f, "retentionDays", problems);
    Integer maxLength = integer(f, "maxLength", problems);
    BigDecimal min = decimal(f, "min", problems);
    BigDecimal max = decimal(f, "max", problems);
    if (!problems.isEmpty()) {
      throw new InvalidSchemaException(problems);
    }
    List<String> options = Arrays.stream(f.get("options").split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new FieldSpec(f.get("apiName"), f.get("label"), type, c, f.on("required"), search, f.on("sortable"), f.purposes(), retention,
        maxLength, min, max, f.get("pattern"), options, f.get("relationTarget"), f.get("helpText"), f.get("defaultValue"));
  }

  private static <T> T parse(java.util.function.Supplier<T> s, String field, String message, List<Problem> problems) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      problems.add(new Problem(field, "required", message));
      return null;
    }
  }

  private static Integer integer(FieldForm f, String key, List<Problem> problems) {
    String v = f.get(key).strip();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      problems.add(new Problem(key, "number", "Enter a whole number, or leave it empty."));
      return null;
    }
  }

  private static BigDecimal decimal(FieldForm f, String key, List<Problem> problems) {
    String v = f.get(key).strip();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      problems.add(new Problem(key, "number", "Enter a number, or leave it empty."));
      return null;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
