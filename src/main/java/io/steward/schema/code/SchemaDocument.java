package io.steward.schema.code;

import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.ObjectAction;
import io.steward.access.RecordScope;
import io.steward.access.RolePolicy;
import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.LegalBasis;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The whole configuration as YAML: purposes, object types with their fields, and roles with their field
 * permissions. Rendering is deterministic (sorted where order carries no meaning), so exports diff cleanly under
 * version control. Parsing is strict: plain YAML only (no tags, few aliases), unknown keys refused.
 */
public record SchemaDocument(List<PurposeDef> purposes, List<ObjectDef> objects, List<RolePolicy> roles) {

  public static final String FORMAT = "steward-schema/1";
  private static final int MAX_CHARS = 2_000_000;

  /** A document that could not be read; the message names where, never echoes content beyond a key name. */
  public static class UnreadableException extends RuntimeException {
    public UnreadableException(String message) {
      super(message);
    }
  }

  // --- rendering

  public String render() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    List<Object> ps = new ArrayList<>();
    for (PurposeDef p : purposes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("label", p.label());
      m.put("description", p.description());
      m.put("defaultBasis", p.defaultBasis().apiName());
      ps.add(m);
    }
    root.put("purposes", ps);
    List<Object> os = new ArrayList<>();
    for (ObjectDef o : objects) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("apiName", o.apiName());
      m.put("label", o.label());
      m.put("pluralLabel", o.pluralLabel());
      m.put("collection", o.collection());
      m.put("builtin", o.builtin());
      m.put("titleFields", o.titleFields());
      putIf(m, "defaultSort", o.defaultSort());
      m.put("defaultPurposes", o.defaultPurposes().stream().sorted().toList());
      List<Object> fs = new ArrayList<>();
      for (FieldDef f : o.fields()) {
        fs.add(field(f));
      }
      m.put("fields", fs);
      os.add(m);
    }
    root.put("objects", os);
    List<Object> rs = new ArrayList<>();
    for (RolePolicy r : roles) {
      rs.add(role(r));
    }
    root.put("roles", rs);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(140);
    options.setSplitLines(false);
    return "# Steward configuration: purposes, object types and fields, roles and their field permissions.\n"
        + "# Import it into another Steward with a dry run first: Admin > Schema > Import, or POST /api/v1/admin/schema/import?dryRun=true\n"
        + new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(root);
  }

  private static Map<String, Object> field(FieldDef f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiName", f.apiName());
    m.put("label", f.label());
    m.put("type", f.type().apiName());
    m.put("classification", f.classification().apiName());
    m.put("required", f.required());
    m.put("searchMode", f.searchMode().apiName());
    m.put("sortable", f.sortable());
    m.put("purposes", f.purposes().stream().sorted().toList());
    putIf(m, "retentionDays", f.retentionDays());
    putIf(m, "maxLength", f.maxLength());
    putIf(m, "min", f.min() == null ? null : f.min().toPlainString());
    putIf(m, "max", f.max() == null ? null : f.max().toPlainString());
    putIf(m, "pattern", f.pattern());
    if (!f.options().isEmpty()) {
      m.put("options", f.options());
    }
    putIf(m, "relationTarget", f.relationTarget());
    putIf(m, "helpText", f.helpText());
    putIf(m, "defaultValue", f.defaultValue());
    if (f.retired()) {
      m.put("retired", true);
    }
    return m;
  }

  private static Map<String, Object> role(RolePolicy r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("label", r.label());
    m.put("builtin", r.builtin());
    m.put("scope", lower(r.scope()));
    Map<String, Object> objects = new TreeMap<>();
    r.objects().forEach((k, v) -> objects.put(k, v.stream().sorted().map(SchemaDocument::lower).toList()));
    m.put("objects", objects);
    Map<String, Object> classifications = new LinkedHashMap<>();
    for (Classification c : Classification.values()) {
      if (r.classifications().containsKey(c)) {
        classifications.put(c.apiName(), lower(r.classifications().get(c)));
      }
    }
    m.put("classifications", classifications);
    Map<String, Object> fields = new TreeMap<>();
    r.fields().forEach((k, v) -> fields.put(k, lower(v)));
    m.put("fields", fields);
    m.put("admin", r.admin().stream().sorted().map(SchemaDocument::lower).toList());
    return m;
  }

  // --- parsing

  public static SchemaDocument parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new UnreadableException("The file is empty.");
    }
    if (yaml.length() > MAX_CHARS) {
      throw new UnreadableException("The file is larger than " + MAX_CHARS / 1_000_000 + " MB.");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_CHARS);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new UnreadableException("This is not valid YAML" + (e.getMessage() != null && e.getMessage().contains("line")
          ? " (" + lineOf(e.getMessage()) + ")." : "."));
    }
    Node doc = Node.of(root, "document");
    doc.only("format", "purposes", "objects", "roles");
    if (!FORMAT.equals(doc.text("format", true))) {
      throw new UnreadableException("This is not a Steward schema file (format must be " + FORMAT + ").");
    }
    List<PurposeDef> purposes = new ArrayList<>();
    for (Node p : doc.list("purposes")) {
      p.only("name", "label", "description", "defaultBasis");
      String basis = p.text("defaultBasis", true);
      purposes.add(new PurposeDef(p.text("name", true), p.text("label", false), p.text("description", false),
          LegalBasis.parse(basis).orElseThrow(() -> new UnreadableException(p.where + ": unknown legal basis.")), false));
    }
    List<ObjectDef> objects = new ArrayList<>();
    for (Node o : doc.list("objects")) {
      o.only("apiName", "label", "pluralLabel", "collection", "builtin", "titleFields", "defaultSort", "defaultPurposes", "fields");
      String apiName = o.text("apiName", true);
      List<FieldDef> fields = new ArrayList<>();
      for (Node f : o.list("fields")) {
        fields.add(field(apiName, f, fields.size()));
      }
      String collection = o.text("collection", false);
      objects.add(new ObjectDef(apiName, o.text("label", true), o.text("pluralLabel", true), collection == null ? apiName : collection,
          o.bool("builtin"), o.texts("titleFields"), o.text("defaultSort", false), new LinkedHashSet<>(o.texts("defaultPurposes")), fields));
    }
    List<RolePolicy> roles = new ArrayList<>();
    for (Node r : doc.list("roles")) {
      roles.add(role(r));
    }
    return new SchemaDocument(purposes, objects, roles);
  }

  private static FieldDef field(String objectType, Node f, int position) {
    f.only("apiName", "label", "type", "classification", "required", "searchMode", "sortable", "purposes", "retentionDays", "maxLength", "min",
        "max", "pattern", "options", "relationTarget", "helpText", "defaultValue", "retired");
    try {
      return new FieldDef(objectType, f.text("apiName", true), f.text("label", true), FieldType.fromApiName(f.text("type", true)),
          Classification.fromApiName(f.text("classification", true)), f.bool("required"),
          SearchMode.fromApiName(f.text("searchMode", false) == null ? "none" : f.text("searchMode", false)), f.bool("sortable"),
          new LinkedHashSet<>(f.texts("purposes")), f.integer("retentionDays"), f.integer("maxLength"), f.decimal("min"), f.decimal("max"),
          f.text("pattern", false), f.texts("options"), f.text("relationTarget", false), f.text("helpText", false), f.text("defaultValue", false),
          position, f.bool("retired"));
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(f.where + ": unknown type, classification or search mode.");
    }
  }

  private static RolePolicy role(Node r) {
    r.only("name", "label", "builtin", "scope", "objects", "classifications", "fields", "admin");
    try {
      Map<String, Set<ObjectAction>> objects = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : r.map("objects").entrySet()) {
        Set<ObjectAction> actions = EnumSet.noneOf(ObjectAction.class);
        e.getValue().asTexts().forEach(a -> actions.add(ObjectAction.valueOf(upper(a))));
        objects.put(e.getKey(), actions);
      }
      Map<Classification, FieldLevel> classifications = new EnumMap<>(Classification.class);
      for (Map.Entry<String, Node> e : r.map("classifications").entrySet()) {
        classifications.put(Classification.fromApiName(e.getKey()), FieldLevel.valueOf(upper(e.getValue().asText())));
      }
      Map<String, FieldLevel> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : r.map("fields").entrySet()) {
        fields.put(e.getKey(), FieldLevel.valueOf(upper(e.getValue().asText())));
      }
      Set<AdminPermission> admin = EnumSet.noneOf(AdminPermission.class);
      r.texts("admin").forEach(a -> admin.add(AdminPermission.valueOf(upper(a))));
      return new RolePolicy(r.text("name", true), r.text("label", true), r.bool("builtin"), RecordScope.valueOf(upper(r.text("scope", true))),
          objects, classifications, fields, admin);
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(r.where + ": unknown scope, action, level or permission.");
    }
  }

  /** A position in the parsed tree, so every error says where it is. */
  private record Node(Object value, String where) {

    static Node of(Object value, String where) {
      return new Node(value, where);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> asMap() {
      if (!(value instanceof Map<?, ?> m)) {
        throw new UnreadableException(where + " must be a mapping.");
      }
      return (Map<String, Object>) m;
    }

    void only(String... keys) {
      Set<String> allowed = Set.of(keys);
      for (Object k : asMap().keySet()) {
        if (!(k instanceof String s) || !allowed.contains(s)) {
          throw new UnreadableException(where + ": unknown key '" + String.valueOf(k).replaceAll("[^A-Za-z0-9_.\\-]", "?") + "'.");
        }
      }
    }

    String text(String key, boolean required) {
      Object v = asMap().get(key);
      if (v == null) {
        if (required) {
          throw new UnreadableException(where + ": '" + key + "' is missing.");
        }
        return null;
      }
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new UnreadableException(where + ": '" + key + "' must be a single value.");
      }
      return String.valueOf(v);
    }

    String asText() {
      if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
        throw new UnreadableException(where + " must be a single value.");
      }
      return String.valueOf(value);
    }

    boolean bool(String key) {
      Object v = asMap().get(key);
      if (v == null) {
        return false;
      }
      if (!(v instanceof Boolean b)) {
        throw new UnreadableException(where + ": '" + key + "' must be true or false.");
      }
      return b;
    }

    Integer integer(String key) {
      Object v = asMap().get(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof Integer i)) {
        throw new UnreadableException(where + ": '" + key + "' must be a whole number.");
      }
      return i;
    }

    BigDecimal decimal(String key) {
      String v = text(key, false);
      try {
        return v == null ? null : new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw new UnreadableException(where + ": '" + key + "' must be a number.");
      }
    }

    List<String> texts(String key) {
      Object v = asMap().get(key);
      return v == null ? List.of() : new Node(v, where + "." + key).asTexts();
    }

    List<String> asTexts() {
      if (!(value instanceof List<?> l)) {
        throw new UnreadableException(where + " must be a list.");
      }
      List<String> out = new ArrayList<>();
      for (Object item : l) {
        if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
          throw new UnreadableException(where + " must be a list of single values.");
        }
        out.add(String.valueOf(item));
      }
      return out;
    }

    List<Node> list(String key) {
      Object v = asMap().get(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw new UnreadableException(where + ": '" + key + "' must be a list.");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        out.add(new Node(l.get(i), key + "[" + i + "]"));
      }
      return out;
    }

    Map<String, Node> map(String key) {
      Object v = asMap().get(key);
      Map<String, Node> out = new LinkedHashMap<>();
      if (v == null) {
        return out;
      }
      new Node(v, where + "." + key).asMap().forEach((k, x) -> out.put(String.valueOf(k), new Node(x, where + "." + key + "." + k)));
      return out;
    }
  }

  private static void putIf(Map<String, Object> m, String key, Object v) {
    if (v != null) {
      m.put(key, v);
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String upper(String s) {
    return s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String lineOf(String message) {
    int i = message.indexOf("line ");
    if (i < 0) {
      return "";
    }
    String rest = message.substring(i);
    int end = rest.indexOf(',');
    return end > 0 ? rest.substring(0, end) : rest.substring(0, Math.min(rest.length(), 12));
  }
}
