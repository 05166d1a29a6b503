package io.steward.records.values;

import io.steward.records.InvalidRecordException.FieldError;
import io.steward.schema.FieldDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns what a client sent for a field (JSON value or form text) into the canonical stored value, or a field
 * error that names the rule broken without repeating the value.
 */
public final class ValueParser {

  public static final int DEFAULT_TEXT_LENGTH = 255;
  public static final int DEFAULT_LONG_TEXT_LENGTH = 10_000;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./\\-]{4,38}([ ]?(x|ext\\.?)[ ]?[0-9]{1,6})?$");
  private static final Pattern URL = Pattern.compile("^https?://[^\\s<>\"]+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern PAYMENT_TOKEN = Pattern.compile("^(tok|pm|cus|card|src|ba|seti|pi)_[A-Za-z0-9]{8,64}$");

  private ValueParser() {}

  /** The parsed value; null clears the field. */
  public static Object parse(FieldDef f, Object raw) {
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return null;
    }
    return switch (f.type()) {
      case TEXT -> text(f, raw, DEFAULT_TEXT_LENGTH);
      case LONG_TEXT -> text(f, raw, DEFAULT_LONG_TEXT_LENGTH);
      case EMAIL -> matching(f, text(f, raw, 254), EMAIL, "Enter an email address like name@example.com.");
      case PHONE -> matching(f, text(f, raw, 40), PHONE, "Enter a phone number using digits, spaces, +, -, (, ) only.");
      case URL -> matching(f, text(f, raw, 2000), URL, "Enter a web address starting with http:// or https://.");
      case PAYMENT_TOKEN -> matching(f, text(f, raw, 80), PAYMENT_TOKEN,
          "Store your payment processor's token (tok_…, pm_…, cus_…), never a card number.");
      case NUMBER, CURRENCY -> number(f, raw);
      case DATE -> date(f, raw);
      case DATE_TIME -> dateTime(f, raw);
      case BOOLEAN -> bool(f, raw);
      case PICKLIST -> option(f, text(f, raw, 200));
      case MULTI_PICKLIST -> options(f, raw);
      case RELATION -> relation(f, raw);
    };
  }

  private static String text(FieldDef f, Object raw, int defaultMax) {
    if (!(raw instanceof String s)) {
      throw new FieldProblem(new FieldError(f.apiName(), "type", f.label() + " must be text."));
    }
    String v = s.strip();
    int max = f.maxLength() != null ? f.maxLength() : defaultMax;
    if (v.length() > max) {
      throw new FieldProblem(new FieldError(f.apiName(), "too-long", f.label() + " can be at most " + max + " characters."));
    }
    if (f.pattern() != null && !f.pattern().isBlank()) {
      try {
        if (!Pattern.compile(f.pattern()).matcher(v).matches()) {
          throw new FieldProblem(new FieldError(f.apiName(), "pattern", f.label() + " does not have the expected format"
              + (f.helpText() == null ? "." : ": " + f.helpText())));
        }
      } catch (PatternSyntaxException e) {
        // an invalid pattern was refused when the field was defined; ignore it here rather than block all writes
      }
    }
    return v;
  }

  private static String matching(FieldDef f, String v, Pattern p, String message) {
    if (!p.matcher(v).matches()) {
      throw new FieldProblem(new FieldError(f.apiName(), "format", message));
    }
    return v;
  }

  private static BigDecimal number(FieldDef f, Object raw) {
    BigDecimal n;
    try {
      n = raw instanceof Number num ? new BigDecimal(num.toString()) : new BigDecimal(((String) raw).strip().replace(",", ""));
    } catch (NumberFormatException | ClassCastException e) {
      throw new FieldProblem(new FieldError(f.apiName(), "type", f.label() + " must be a number."));
    }
    if (f.min() != null && n.compareTo(f.min()) < 0 || f.max() != null && n.compareTo(f.max()) > 0) {
      throw new FieldProblem(new FieldError(f.apiName(), "range", f.label() + " must be between " + plain(f.min()) + " and " + plain(f.max()) + "."));
    }
    if (f.type() == io.steward.schema.FieldType.CURRENCY && n.scale() > 2) {
      throw new FieldProblem(new FieldError(f.apiName(), "precision", f.label() + " takes at most two decimals."));
    }
    return n.stripTrailingZeros().scale() < 0 ? n.setScale(0) : n.stripTrailingZeros();
  }

  private static String date(FieldDef f, Object raw) {
    try {
      return LocalDate.parse(text(f, raw, 10)).toString();
    } catch (DateTimeParseException e) {
      throw new FieldProblem(new FieldError(f.apiName(), "format", f.label() + " must be a date like 2026-12-31."));
    }
  }

  private static String dateTime(FieldDef f, Object raw) {
    String s = text(f, raw, 40);
    try {
      return OffsetDateTime.parse(s).toInstant().toString();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s).toString();
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e3) {
          throw new FieldProblem(new FieldError(f.apiName(), "format", f.label() + " must be a date and time like 2026-12-31T14:00:00Z."));
        }
      }
    }
  }

  private static Boolean bool(FieldDef f, Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "on", "yes", "1":
          return true;
        case "false", "off", "no", "0":
          return false;
        default:
          break;
      }
    }
    throw new FieldProblem(new FieldError(f.apiName(), "type", f.label() + " must be true or false."));
  }

  private static String option(FieldDef f, String v) {
    if (!f.options().contains(v)) {
      throw new FieldProblem(new FieldError(f.apiName(), "option", f.label() + " must be one of: " + String.join(", ", f.options()) + "."));
    }
    return v;
  }

  private static List<String> options(FieldDef f, Object raw) {
    Collection<?> items;
    if (raw instanceof Collection<?> c) {
      items = c;
    } else if (raw instanceof String s) {
      items = Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    } else {
      throw new FieldProblem(new FieldError(f.apiName(), "type", f.label() + " must be a list of options."));
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      String v = option(f, text(f, item, 200));
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static String relation(FieldDef f, Object raw) {
    try {
      return UUID.fromString(text(f, raw, 36)).toString();
    } catch (IllegalArgumentException e) {
      throw new FieldProblem(new FieldError(f.apiName(), "relation", f.label() + " must be the id of a " + f.relationTarget() + "."));
    }
  }

  private static String plain(BigDecimal b) {
    return b == null ? "any" : b.toPlainString();
  }

  /** One field's error, thrown while parsing and collected by the service. */
  public static final class FieldProblem extends RuntimeException {
    private final FieldError error;

    public FieldProblem(FieldError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    public FieldError error() {
      return error;
    }
  }
}
