package io.steward.records.internal;

import io.steward.records.InvalidRecordException;
import io.steward.records.InvalidRecordException.FieldError;
import io.steward.records.RecordPurpose;
import io.steward.schema.FieldDef;
import io.steward.schema.LegalBasis;
import io.steward.schema.ObjectDef;
import io.steward.schema.PurposeDef;
import io.steward.schema.SchemaRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data minimisation on the write path: which purposes a record is held for (named by the client under the reserved
 * key {@code purposes}, or its object's defaults), and whether each value is justified by one of them. A field
 * accepts a value only if one of its purposes is active on the record.
 */
public final class PurposeChecks {

  public static final String PURPOSES_KEY = "purposes";
  public static final String ERASE_KEY = "eraseUnjustified";
  private static final int MAX_TEXT = 2000;

  private final SchemaRegistry schema;

  public PurposeChecks(SchemaRegistry schema) {
    this.schema = schema;
  }

  /** A write split into field values and the reserved keys this class reads. */
  public record Input(Map<String, Object> fields, Object purposes, Boolean eraseUnjustified) {}

  public static Input split(Map<String, Object> input) {
    Map<String, Object> fields = new LinkedHashMap<>(input);
    Object purposes = fields.remove(PURPOSES_KEY);
    Object erase = fields.remove(ERASE_KEY);
    Boolean eraseFlag = null;
    if (erase instanceof Boolean b) {
      eraseFlag = b;
    } else if (erase instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      eraseFlag = Boolean.parseBoolean(s);
    } else if (erase != null) {
      throw InvalidRecordException.malformed(ERASE_KEY, "type", ERASE_KEY + " must be true or false.");
    }
    return new Input(fields, purposes, eraseFlag);
  }

  public List<RecordPurpose> defaults(ObjectDef o) {
    List<RecordPurpose> out = new ArrayList<>();
    for (String name : new TreeSet<>(o.defaultPurposes())) {
      LegalBasis basis = schema.purpose(name).map(PurposeDef::defaultBasis).orElse(LegalBasis.LEGITIMATE_INTEREST);
      out.add(new RecordPurpose(name, basis, "default purpose of " + o.pluralLabel().toLowerCase(), null, null));
    }
    return out;
  }

  /** The purposes a record holds, from its stored names, with stored details where they exist. */
  public List<RecordPurpose> current(ObjectDef o, Collection<String> names, List<RecordPurpose> stored) {
    List<RecordPurpose> out = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      out.add(stored.stream().filter(r -> r.purpose().equals(name)).findFirst().orElseGet(() -> new RecordPurpose(name,
          schema.purpose(name).map(PurposeDef::defaultBasis).orElse(LegalBasis.LEGITIMATE_INTEREST), "default purpose of "
              + o.pluralLabel().toLowerCase(), null, null)));
    }
    return out;
  }

  /**
   * Parses what a client sent under {@code purposes}: names ("newsletter", or "a,b" from a form) or objects
   * {purpose, basis, source, consentAt, consentText}. A purpose already held and named alone keeps its details.
   */
  public List<RecordPurpose> parse(Object raw, List<RecordPurpose> current, Instant now) {
    List<Object> items = new ArrayList<>();
    if (raw instanceof String s) {
      Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(items::add);
    } else if (raw instanceof Collection<?> c) {
      items.addAll(c);
    } else if (raw instanceof Map<?, ?> m) {
      items.add(m);
    } else {
      throw InvalidRecordException.malformed(PURPOSES_KEY, "type", "purposes must be a list of purpose names or of objects with a purpose and its legal basis.");
    }
    Map<String, RecordPurpose> out = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (Object item : items) {
      try {
        RecordPurpose p = item instanceof String name ? named(name.strip(), current) : detailed(item, current, now);
        out.put(p.purpose(), p);
      } catch (Problem e) {
        errors.add(e.error);
      }
    }
    if (errors.isEmpty() && out.isEmpty()) {
      errors.add(new FieldError(PURPOSES_KEY, "required", "A record must be held for at least one purpose."));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(errors, false);
    }
    return out.values().stream().sorted((a, b) -> a.purpose().compareTo(b.purpose())).toList();
  }

  private RecordPurpose named(String name, List<RecordPurpose> current) {
    for (RecordPurpose c : current) {
      if (c.purpose().equals(name)) {
        return c;
      }
    }
    PurposeDef def = define(name);
    if (def.defaultBasis() == LegalBasis.CONSENT) {
      throw new Problem(new FieldError(PURPOSES_KEY, "consent-required", def.label() + " is held on consent: give the wording the "
          + "person agreed to (consentText) and when (consentAt)."));
    }
    return new RecordPurpose(name, def.defaultBasis(), null, null, null);
  }

  private RecordPurpose detailed(Object item, List<RecordPurpose> current, Instant now) {
    if (!(item instanceof Map<?, ?> m)) {
      throw new Problem(new FieldError(PURPOSES_KEY, "type", "Each purpose is a name or an object with a purpose and its legal basis."));
    }
    Object nameValue = m.get("purpose") != null ? m.get("purpose") : m.get("name");
    if (!(nameValue instanceof String name) || name.isBlank()) {
      throw new Problem(new FieldError(PURPOSES_KEY, "required", "Each purpose object needs a 'purpose' name."));
    }
    PurposeDef def = define(name.strip());
    if (m.size() == 1) {
      return named(def.name(), current);
    }
    LegalBasis basis = def.defaultBasis();
    if (m.get("basis") != null) {
      basis = LegalBasis.parse(String.valueOf(m.get("basis"))).orElseThrow(() -> new Problem(new FieldError(PURPOSES_KEY, "basis",
          "The legal basis of " + def.label() + " must be consent, contract, legitimate-interest or legal-obligation.")));
    }
    String source = text(m.get("source"), "source", 500);
    String consentText = text(m.get("consentText"), "consentText", MAX_TEXT);
    Instant consentAt = null;
    if (basis == LegalBasis.CONSENT) {
      if (consentText == null) {
        throw new Problem(new FieldError(PURPOSES_KEY, "consent-required", def.label() + " is held on consent: give the wording the "
            + "person agreed to (consentText) and when (consentAt)."));
      }
      consentAt = m.get("consentAt") == null ? now : instant(m.get("consentAt"), def);
      if (consentAt.isAfter(now.plusSeconds(300))) {
        throw new Problem(new FieldError(PURPOSES_KEY, "consent-future", "The consent time of " + def.label() + " is in the future."));
      }
    } else if (consentText != null || m.get("consentAt") != null) {
      throw new Problem(new FieldError(PURPOSES_KEY, "not-consent", "Consent wording and time go with the consent basis only."));
    }
    return new RecordPurpose(def.name(), basis, source, consentAt, consentText);
  }

  private PurposeDef define(String name) {
    return schema.purpose(name).orElseThrow(() -> new Problem(new FieldError(PURPOSES_KEY, "unknown-purpose",
        "There is no purpose named '" + WriteChecks.safeName(name) + "'.")));
  }

  private static String text(Object v, String key, int max) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.strip().length() > max) {
      throw new Problem(new FieldError(PURPOSES_KEY, "type", key + " must be text of at most " + max + " characters."));
    }
    return s.isBlank() ? null : s.strip();
  }

  private static Instant instant(Object v, PurposeDef def) {
    try {
      return Instant.parse(String.valueOf(v));
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(String.valueOf(v)).toInstant();
      } catch (DateTimeParseException e2) {
        throw new Problem(new FieldError(PURPOSES_KEY, "format", "The consent time of " + def.label() + " must be like 2026-11-29T10:15:00Z."));
      }
    }
  }

  public static boolean allows(FieldDef f, Set<String> purposes) {
    return !Collections.disjoint(f.purposes(), purposes);
  }

  /** Refuses values for fields none of whose purposes is active: "Phone is not collected for newsletter contacts." */
  public void requireJustified(ObjectDef o, Map<String, Object> values, Set<String> purposes) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      o.field(e.getKey()).filter(f -> !allows(f, purposes)).ifPresent(f -> errors.add(new FieldError(f.apiName(), "purpose",
          f.label() + " is not collected for " + describe(purposes) + " " + o.pluralLabel().toLowerCase() + ".")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(errors, false);
    }
  }

  /** Fields holding a value that none of {@code purposes} justifies. */
  public static List<FieldDef> unjustified(ObjectDef o, Map<String, Object> values, Set<String> purposes) {
    List<FieldDef> out = new ArrayList<>();
    for (FieldDef f : o.fields()) {
      if (values.get(f.apiName()) != null && !allows(f, purposes)) {
        out.add(f);
      }
    }
    return out;
  }

  public String describe(Collection<String> purposes) {
    List<String> labels = new TreeSet<>(purposes).stream()
        .map(n -> schema.purpose(n).map(PurposeDef::label).orElse(n).toLowerCase(java.util.Locale.ROOT))
        .toList();
    if (labels.size() <= 1) {
      return labels.isEmpty() ? "any" : labels.get(0);
    }
    return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
  }

  public static String key(Collection<String> purposes) {
    return String.join(",", new TreeSet<>(purposes));
  }

  private static final class Problem extends RuntimeException {
    private final FieldError error;

    Problem(FieldError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }
}
