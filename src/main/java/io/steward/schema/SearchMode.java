package io.steward.schema;

/** How a field can be found: not at all, by exact value, or by prefix (type-ahead, 3+ characters). */
public enum SearchMode {
  NONE,
  EXACT,
  PREFIX;

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SearchMode fromApiName(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
