package io.steward.schema.store;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import io.steward.schema.LegalBasis;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import io.steward.schema.SearchMode;
import io.steward.shared.Classification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The schema tables: every SQL statement about object types, fields, their history and purposes is here. */
@Repository
public class SchemaStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;

  public SchemaStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long version() {
    return jdbc.sql("select version from schema_version where id = 1").query(Long.class).single();
  }

  public void bumpVersion() {
    jdbc.sql("update schema_version set version = version + 1 where id = 1").update();
  }

  public boolean objectExists(String apiName) {
    return jdbc.sql("select count(*) from object_type where api_name = :n").param("n", apiName).query(Integer.class).single() > 0;
  }

  public void insertObject(ObjectDef o) {
    jdbc.sql("""
            insert into object_type (api_name, label, plural_label, collection, builtin, title_fields, default_sort, default_purposes, created_at)
            values (:api, :label, :plural, :collection, :builtin, :title, :sort, :purposes, :at)""")
        .param("api", o.apiName())
        .param("label", o.label())
        .param("plural", o.pluralLabel())
        .param("collection", o.collection())
        .param("builtin", o.builtin())
        .param("title", String.join(",", o.titleFields()))
        .param("sort", o.defaultSort())
        .param("purposes", String.join(",", o.defaultPurposes()))
        .param("at", now())
        .update();
  }

  public void updateObject(ObjectDef o) {
    jdbc.sql("""
            update object_type set label = :label, plural_label = :plural, title_fields = :title, default_sort = :sort,
            default_purposes = :purposes where api_name = :api""")
        .param("api", o.apiName())
        .param("label", o.label())
        .param("plural", o.pluralLabel())
        .param("title", String.join(",", o.titleFields()))
        .param("sort", o.defaultSort())
        .param("purposes", String.join(",", o.defaultPurposes()))
        .update();
  }

  public boolean fieldExists(String objectType, String apiName) {
    return jdbc.sql("select count(*) from field_def where object_type = :o and api_name = :n")
            .param("o", objectType)
            .param("n", apiName)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void insertField(FieldDef f) {
    jdbc.sql("""
            insert into field_def (object_type, api_name, label, type, classification, required, search_mode, sortable, purposes,
              retention_days, max_length, min_value, max_value, pattern, options, relation_target, help_text, default_value,
              position, retired, version, updated_at)
            values (:object, :api, :label, :type, :classification, :required, :search, :sortable, :purposes, :retention, :maxLength,
              :min, :max, :pattern, :options, :target, :help, :def, :position, :retired, 1, :at)""")
        .params(fieldParams(f))
        .update();
  }

  public void updateField(FieldDef f) {
    jdbc.sql("""
            update field_def set label = :label, type = :type, classification = :classification, required = :required,
              search_mode = :search, sortable = :sortable, purposes = :purposes, retention_days = :retention, max_length = :maxLength,
              min_value = :min, max_value = :max, pattern = :pattern, options = :options, relation_target = :target,
              help_text = :help, default_value = :def, position = :position, retired = :retired, version = version + 1,
              updated_at = :at
            where object_type = :object and api_name = :api""")
        .params(fieldParams(f))
        .update();
  }

  public List<ObjectDef> loadAll() {
    Map<String, List<FieldDef>> fields = jdbc.sql("select * from field_def order by object_type, position, api_name")
        .query(SchemaStore::mapField)
        .list()
        .stream()
        .collect(Collectors.groupingBy(FieldDef::objectType));
    return jdbc.sql("select * from object_type order by builtin desc, api_name")
        .query((rs, n) -> new ObjectDef(
            rs.getString("api_name"),
            rs.getString("label"),
            rs.getString("plural_label"),
            rs.getString("collection"),
            rs.getBoolean("builtin"),
            split(rs.getString("title_fields")),
            rs.getString("default_sort"),
            new LinkedHashSet<>(split(rs.getString("default_purposes"))),
            fields.getOrDefault(rs.getString("api_name"), List.of())))
        .list();
  }

  public int nextPosition(String objectType) {
    return jdbc.sql("select coalesce(max(position) + 1, 0) from field_def where object_type = :o").param("o", objectType).query(Integer.class)
        .single();
  }

  public int fieldVersion(String objectType, String apiName) {
    return jdbc.sql("select version from field_def where object_type = :o and api_name = :n")
        .param("o", objectType)
        .param("n", apiName)
        .query(Integer.class)
        .single();
  }

  // --- history

  /** One stored version of a field definition. */
  public record FieldVersion(int version, String change, String definition, String changedBy, OffsetDateTime changedAt) {}

  public boolean historyExists(String objectType, String apiName, int version) {
    return jdbc.sql("select count(*) from field_def_history where object_type = :o and api_name = :n and version = :v")
            .param("o", objectType)
            .param("n", apiName)
            .param("v", version)
            .query(Integer.class)
            .single()
        > 0;
  }

  public void insertHistory(FieldDef f, int version, String change, String changedBy) {
    jdbc.sql("""
            insert into field_def_history (object_type, api_name, version, change, definition, changed_by, changed_at)
            values (:o, :n, :v, :c, :d, :by, :at)""")
        .param("o", f.objectType())
        .param("n", f.apiName())
        .param("v", version)
        .param("c", change)
        .param("d", toJson(f))
        .param("by", changedBy)
        .param("at", now())
        .update();
  }

  public List<FieldVersion> history(String objectType, String apiName) {
    return jdbc.sql("select version, change, definition, changed_by, changed_at from field_def_history "
            + "where object_type = :o and api_name = :n order by version")
        .param("o", objectType)
        .param("n", apiName)
        .query((rs, n) -> new FieldVersion(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class)))
        .list();
  }

  /** A field definition as JSON, for history rows and the audit trail (definitions hold no personal values). */
  public static String toJson(FieldDef f) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("label", f.label());
    m.put("type", f.type().apiName());
    m.put("classification", f.classification().apiName());
    m.put("required", f.required());
    m.put("searchMode", f.searchMode().apiName());
    m.put("sortable", f.sortable());
    m.put("purposes", f.purposes().stream().sorted().toList());
    m.put("retentionDays", f.retentionDays());
    m.put("maxLength", f.maxLength());
    m.put("min", f.min() == null ? null : f.min().toPlainString());
    m.put("max", f.max() == null ? null : f.max().toPlainString());
    m.put("pattern", f.pattern());
    m.put("options", f.options());
    m.put("relationTarget", f.relationTarget());
    m.put("helpText", f.helpText());
    m.put("defaultValue", f.defaultValue());
    m.put("retired", f.retired());
    return JSON.writeValueAsString(m);
  }

  // --- purposes

  public List<PurposeDef> purposes() {
    return jdbc.sql("select name, label, description, default_basis, builtin from purpose order by builtin desc, name")
        .query((rs, n) -> new PurposeDef(rs.getString(1), rs.getString(2), rs.getString(3),
            LegalBasis.parse(rs.getString(4)).orElse(LegalBasis.LEGITIMATE_INTEREST), rs.getBoolean(5)))
        .list();
  }

  public void insertPurpose(PurposeDef p) {
    jdbc.sql("insert into purpose (name, label, description, default_basis, builtin, created_at) values (:n, :l, :d, :b, :builtin, :at)")
        .param("n", p.name())
        .param("l", p.label())
        .param("d", p.description())
        .param("b", p.defaultBasis().apiName())
        .param("builtin", p.builtin())
        .param("at", now())
        .update();
  }

  public void updatePurpose(PurposeDef p) {
    jdbc.sql("update purpose set label = :l, description = :d, default_basis = :b where name = :n")
        .param("n", p.name())
        .param("l", p.label())
        .param("d", p.description())
        .param("b", p.defaultBasis().apiName())
        .update();
  }

  private static Map<String, Object> fieldParams(FieldDef f) {
    java.util.HashMap<String, Object> p = new java.util.HashMap<>();
    p.put("object", f.objectType());
    p.put("api", f.apiName());
    p.put("label", f.label());
    p.put("type", f.type().name());
    p.put("classification", f.classification().name());
    p.put("required", f.required());
    p.put("search", f.searchMode().name());
    p.put("sortable", f.sortable());
    p.put("purposes", String.join(",", f.purposes().stream().sorted().toList()));
    p.put("retention", f.retentionDays());
    p.put("maxLength", f.maxLength());
    p.put("min", f.min());
    p.put("max", f.max());
    p.put("pattern", f.pattern());
    p.put("options", JSON.writeValueAsString(f.options()));
    p.put("target", f.relationTarget());
    p.put("help", f.helpText());
    p.put("def", f.defaultValue());
    p.put("position", f.position());
    p.put("retired", f.retired());
    p.put("at", now());
    return p;
  }

  private static FieldDef mapField(ResultSet rs, int n) throws SQLException {
    Integer retention = (Integer) rs.getObject("retention_days");
    Integer maxLength = (Integer) rs.getObject("max_length");
    return new FieldDef(
        rs.getString("object_type"),
        rs.getString("api_name"),
        rs.getString("label"),
        FieldType.valueOf(rs.getString("type")),
        Classification.valueOf(rs.getString("classification")),
        rs.getBoolean("required"),
        SearchMode.valueOf(rs.getString("search_mode")),
        rs.getBoolean("sortable"),
        Set.copyOf(split(rs.getString("purposes"))),
        retention,
        maxLength,
        plain(rs.getBigDecimal("min_value")),
        plain(rs.getBigDecimal("max_value")),
        rs.getString("pattern"),
        JSON.readValue(rs.getString("options"), new TypeReference<List<String>>() {}),
        rs.getString("relation_target"),
        rs.getString("help_text"),
        rs.getString("default_value"),
        rs.getInt("position"),
        rs.getBoolean("retired"));
  }

  /** numeric(30, 6) comes back as 10.000000; the definition said 10. */
  private static java.math.BigDecimal plain(java.math.BigDecimal b) {
    if (b == null) {
      return null;
    }
    java.math.BigDecimal s = b.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static List<String> split(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
