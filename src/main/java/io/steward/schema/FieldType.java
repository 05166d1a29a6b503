package io.steward.schema;

/** What a field holds; decides parsing, validation, widgets and sorting. */
public enum FieldType {
  TEXT,
  LONG_TEXT,
  NUMBER,
  CURRENCY,
  DATE,
  DATE_TIME,
  BOOLEAN,
  PICKLIST,
  MULTI_PICKLIST,
  EMAIL,
  PHONE,
  URL,
  RELATION,
  /** A payment processor's token (tok_…, pm_…): never a card number. */
  PAYMENT_TOKEN;

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static FieldType fromApiName(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  public boolean isText() {
    return this == TEXT || this == LONG_TEXT || this == EMAIL || this == PHONE || this == URL || this == PICKLIST;
  }
}
