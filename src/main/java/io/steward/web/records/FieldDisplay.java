package io.steward.web.records;

import io.steward.schema.FieldDef;
import io.steward.schema.FieldType;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How a stored value reads on a page and how it sits in a form input. Output is escaped by the templates. */
public final class FieldDisplay {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private FieldDisplay() {}

  public static String text(FieldDef f, Object value) {
    if (value == null) {
      return "";
    }
    return switch (f.type()) {
      case CURRENCY -> NumberFormat.getCurrencyInstance(Locale.US).format(new BigDecimal(value.toString()));
      case NUMBER -> new BigDecimal(value.toString()).toPlainString();
      case BOOLEAN -> Boolean.TRUE.equals(value) ? "Yes" : "No";
      case DATE_TIME -> DATE_TIME.format(Instant.parse(value.toString()));
      case MULTI_PICKLIST -> value instanceof List<?> l ? String.join(", ", l.stream().map(Object::toString).toList()) : value.toString();
      default -> value.toString();
    };
  }

  /** An amount in whole dollars, as the board and the dashboard show totals. */
  public static String wholeMoney(BigDecimal amount) {
    NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
    f.setMaximumFractionDigits(0);
    return f.format(amount);
  }

  /** The value as a form input's value attribute. */
  public static String input(FieldDef f, Object value) {
    if (value == null) {
      return "";
    }
    return switch (f.type()) {
      case DATE_TIME -> Instant.parse(value.toString()).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
      case NUMBER, CURRENCY -> new BigDecimal(value.toString()).toPlainString();
      case MULTI_PICKLIST -> value instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList()) : value.toString();
      default -> value.toString();
    };
  }

  public static String inputType(FieldDef f) {
    return switch (f.type()) {
      case EMAIL -> "email";
      case PHONE -> "tel";
      case URL -> "url";
      case NUMBER, CURRENCY -> "number";
      case DATE -> "date";
      case DATE_TIME -> "datetime-local";
      default -> "text";
    };
  }

  public static boolean isLong(FieldDef f) {
    return f.type() == FieldType.LONG_TEXT;
  }
}
