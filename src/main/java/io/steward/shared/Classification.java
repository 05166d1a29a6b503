package io.steward.shared;

/** How much harm a field's value can do if it leaks; decides encryption, masking and logging. */
public enum Classification {
  /** Fine to show anyone with access to the object (a company's website). */
  PUBLIC,
  /** Business data, not about a person (a deal amount). */
  INTERNAL,
  /** Identifies or describes a person (name, email, job title): encrypted at rest. */
  PERSONAL,
  /** Could harm a person if exposed (home address, birth date, children): encrypted, masked until revealed. */
  SENSITIVE;

  public boolean isProtected() {
    return this == PERSONAL || this == SENSITIVE;
  }

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Classification fromApiName(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
