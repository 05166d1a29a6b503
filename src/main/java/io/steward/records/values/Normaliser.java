package io.steward.records.values;

import io.steward.schema.FieldDef;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The form a value is indexed and compared in: case, accents, spacing and phone punctuation don't matter. */
public final class Normaliser {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Normaliser() {}

  public static String normalise(FieldDef f, Object value) {
    if (value == null) {
      return null;
    }
    return switch (f.type()) {
      case PHONE -> value.toString().replaceAll("[^0-9]", "");
      case EMAIL -> value.toString().strip().toLowerCase(Locale.ROOT);
      case MULTI_PICKLIST -> value instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).sorted().toList()) : value.toString();
      default -> text(value.toString());
    };
  }

  public static String text(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
    return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }
}
