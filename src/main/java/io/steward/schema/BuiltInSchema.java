package io.steward.schema;

import static io.steward.shared.Classification.INTERNAL;
import static io.steward.shared.Classification.PERSONAL;
import static io.steward.shared.Classification.PUBLIC;
import static io.steward.shared.Classification.SENSITIVE;

import io.steward.shared.Classification;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Contact, Company, Deal and Activity, defined in the same metadata a business uses for its own fields.
 * Seeded into the schema tables at first start; a business may then add fields to them.
 */
public final class BuiltInSchema {

  public static final String CONTACT = "contact";
  public static final String COMPANY = "company";
  public static final String DEAL = "deal";
  public static final String ACTIVITY = "activity";
  public static final String CREDIT_CHECK = "creditCheck";

  public static final Set<String> CONTACT_DEFAULT_PURPOSES = Set.of("sales");
  private static final Set<String> NAME_PURPOSES = Set.of("sales", "newsletter", "support", "billing", "events");

  private BuiltInSchema() {}

  public static List<ObjectDef> objects() {
    return List.of(contact(), company(), deal(), activity(), creditCheck());
  }

  static ObjectDef contact() {
    Fields f = new Fields(CONTACT);
    f.add("firstName", "First name", FieldType.TEXT, PERSONAL, true, SearchMode.PREFIX, true, NAME_PURPOSES).maxLength(100);
    f.add("lastName", "Last name", FieldType.TEXT, PERSONAL, true, SearchMode.PREFIX, true, NAME_PURPOSES).maxLength(100);
    f.add("email", "Email", FieldType.EMAIL, PERSONAL, false, SearchMode.EXACT, true, NAME_PURPOSES).maxLength(254);
    f.add("phone", "Phone", FieldType.PHONE, PERSONAL, false, SearchMode.EXACT, false, Set.of("sales", "support", "billing")).maxLength(40);
    f.add("jobTitle", "Job title", FieldType.TEXT, PERSONAL, false, SearchMode.NONE, false, Set.of("sales", "events")).maxLength(120);
    f.relation("company", "Company", COMPANY, Set.of("sales", "support", "billing", "events"));
    f.picklist("status", "Status", INTERNAL, List.of("lead", "prospect", "customer", "former"), Set.of("sales", "support"));
    f.add("birthDate", "Birth date", FieldType.DATE, SENSITIVE, false, SearchMode.NONE, false, Set.of("sales"));
    f.add("homeAddress", "Home address", FieldType.LONG_TEXT, SENSITIVE, false, SearchMode.NONE, false, Set.of("sales")).maxLength(500);
    f.add("children", "Children", FieldType.TEXT, SENSITIVE, false, SearchMode.NONE, false, Set.of("sales")).maxLength(200);
    return new ObjectDef(CONTACT, "Contact", "Contacts", "contacts", true, List.of("firstName", "lastName"), "lastName",
        CONTACT_DEFAULT_PURPOSES, f.build());
  }

  static ObjectDef company() {
    Set<String> p = Set.of("sales", "support", "billing", "events");
    Fields f = new Fields(COMPANY);
    f.add("name", "Name", FieldType.TEXT, INTERNAL, true, SearchMode.PREFIX, true, p).maxLength(200);
    f.add("domain", "Domain", FieldType.TEXT, INTERNAL, false, SearchMode.EXACT, true, p).maxLength(200);
    f.add("website", "Website", FieldType.URL, PUBLIC, false, SearchMode.NONE, false, p).maxLength(500);
    f.picklist("industry", "Industry", INTERNAL,
        List.of("software", "manufacturing", "retail", "finance", "health", "education", "services", "other"), p);
    f.add("phone", "Switchboard", FieldType.PHONE, INTERNAL, false, SearchMode.EXACT, false, p).maxLength(40);
    f.add("city", "City", FieldType.TEXT, INTERNAL, false, SearchMode.EXACT, true, p).maxLength(100);
    f.add("employees", "Employees", FieldType.NUMBER, INTERNAL, false, SearchMode.NONE, true, p).range("0", "10000000");
    f.add("paymentMethod", "Payment method", FieldType.PAYMENT_TOKEN, INTERNAL, false, SearchMode.NONE, false, Set.of("billing", "sales"));
    f.picklist("paymentBrand", "Card brand", INTERNAL, List.of("visa", "mastercard", "amex", "discover", "jcb", "unionpay", "other"),
        Set.of("billing", "sales"));
    f.add("paymentLast4", "Card last four", FieldType.TEXT, INTERNAL, false, SearchMode.NONE, false, Set.of("billing", "sales"))
        .pattern("[0-9]{4}", "The last four digits of the card, as the payment processor reports them.");
    return new ObjectDef(COMPANY, "Company", "Companies", "companies", true, List.of("name"), "name", Set.of("sales"), f.build());
  }

  static ObjectDef deal() {
    Set<String> p = Set.of("sales");
    Fields f = new Fields(DEAL);
    f.add("name", "Name", FieldType.TEXT, INTERNAL, true, SearchMode.PREFIX, true, p).maxLength(200);
    f.add("amount", "Amount", FieldType.CURRENCY, INTERNAL, false, SearchMode.NONE, true, p).range("0", "1000000000000");
    f.picklist("stage", "Stage", INTERNAL, List.of("qualification", "proposal", "negotiation", "won", "lost"), p).required();
    f.add("closeDate", "Expected close", FieldType.DATE, INTERNAL, false, SearchMode.NONE, true, p);
    f.relation("company", "Company", COMPANY, p);
    f.relation("contact", "Contact", CONTACT, p);
    return new ObjectDef(DEAL, "Deal", "Deals", "deals", true, List.of("name"), "name", Set.of("sales"), f.build());
  }

  static ObjectDef activity() {
    Set<String> p = Set.of("sales", "support");
    Fields f = new Fields(ACTIVITY);
    f.add("subject", "Subject", FieldType.TEXT, INTERNAL, true, SearchMode.PREFIX, true, p).maxLength(200);
    f.picklist("kind", "Kind", INTERNAL, List.of("note", "task", "call", "meeting"), p).required();
    f.add("body", "Notes", FieldType.LONG_TEXT, PERSONAL, false, SearchMode.NONE, false, p).maxLength(10000);
    f.add("dueDate", "Due", FieldType.DATE, INTERNAL, false, SearchMode.NONE, true, p);
    f.add("done", "Done", FieldType.BOOLEAN, INTERNAL, false, SearchMode.EXACT, true, p);
    f.add("occurredAt", "When", FieldType.DATE_TIME, INTERNAL, false, SearchMode.NONE, true, p);
    f.relation("contact", "Contact", CONTACT, p);
    f.relation("company", "Company", COMPANY, p);
    f.relation("deal", "Deal", DEAL, p);
    return new ObjectDef(ACTIVITY, "Activity", "Activities", "activities", true, List.of("subject"), "dueDate", Set.of("sales"), f.build());
  }

  /**
   * The outcome of a credit check, and nothing else: Steward keeps that a check passed or failed, when, by whom,
   * with which provider and reference — never the score (there is no field for it, and the never-keep guard refuses
   * a score written into any text).
   */
  static ObjectDef creditCheck() {
    Set<String> p = Set.of("billing", "sales");
    Fields f = new Fields(CREDIT_CHECK);
    f.picklist("outcome", "Outcome", INTERNAL, List.of("passed", "failed"), p).required();
    f.add("checkedOn", "Checked on", FieldType.DATE, INTERNAL, true, SearchMode.NONE, true, p);
    f.add("verifiedBy", "Verified by", FieldType.TEXT, INTERNAL, false, SearchMode.NONE, false, p).maxLength(100);
    f.add("provider", "Provider", FieldType.TEXT, INTERNAL, false, SearchMode.NONE, false, p).maxLength(100);
    f.add("reference", "Provider reference", FieldType.TEXT, INTERNAL, false, SearchMode.NONE, false, p).maxLength(100);
    f.relation("company", "Company", COMPANY, p);
    f.relation("contact", "Contact", CONTACT, p);
    return new ObjectDef(CREDIT_CHECK, "Credit check", "Credit checks", "credit-checks", true, List.of("provider", "outcome"), "checkedOn",
        Set.of("billing"), f.build());
  }

  /** A small builder so the definitions above read as a table. */
  private static final class Fields {
    private final String objectType;
    private final List<Builder> fields = new ArrayList<>();

    Fields(String objectType) {
      this.objectType = objectType;
    }

    Builder add(String name, String label, FieldType type, Classification c, boolean required, SearchMode search, boolean sortable, Set<String> purposes) {
      Builder b = new Builder(objectType, name, label, type, c, required, search, sortable, purposes, fields.size());
      fields.add(b);
      return b;
    }

    Builder relation(String name, String label, String target, Set<String> purposes) {
      Builder b = add(name, label, FieldType.RELATION, INTERNAL, false, SearchMode.EXACT, false, purposes);
      b.relationTarget = target;
      return b;
    }

    Builder picklist(String name, String label, Classification c, List<String> options, Set<String> purposes) {
      Builder b = add(name, label, FieldType.PICKLIST, c, false, SearchMode.EXACT, true, purposes);
      b.options = options;
      return b;
    }

    List<FieldDef> build() {
      return fields.stream().map(Builder::build).toList();
    }
  }

  private static final class Builder {
    private final String objectType;
    private final String name;
    private final String label;
    private final FieldType type;
    private final Classification classification;
    private boolean required;
    private final SearchMode search;
    private final boolean sortable;
    private final Set<String> purposes;
    private final int position;
    private Integer maxLength;
    private BigDecimal min;
    private BigDecimal max;
    private List<String> options = List.of();
    private String relationTarget;
    private String pattern;
    private String helpText;

    Builder(String objectType, String name, String label, FieldType type, Classification c, boolean required, SearchMode search,
        boolean sortable, Set<String> purposes, int position) {
      this.objectType = objectType;
      this.name = name;
      this.label = label;
      this.type = type;
      this.classification = c;
      this.required = required;
      this.search = search;
      this.sortable = sortable;
      this.purposes = purposes;
      this.position = position;
    }

    Builder maxLength(int n) {
      this.maxLength = n;
      return this;
    }

    Builder range(String lo, String hi) {
      this.min = new BigDecimal(lo);
      this.max = new BigDecimal(hi);
      return this;
    }

    Builder required() {
      this.required = true;
      return this;
    }

    Builder pattern(String regex, String help) {
      this.pattern = regex;
      this.helpText = help;
      return this;
    }

    FieldDef build() {
      return new FieldDef(objectType, name, label, type, classification, required, search, sortable, purposes, null, maxLength, min, max,
          pattern, options, relationTarget, helpText, null, position, false);
    }
  }
}
