package io.steward.guard;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Steward keeps instead of a card number: the payment processor's token for the payment
 * method, the card brand and the last four digits (which PCI DSS allows to be shown).
 *
 * <p>Only tokens in a known processor format are accepted, and never anything that looks like a
 * card number, social security number or secret key, whatever the format says. {@code toString()}
 * prints no token and no digits; use {@link #display()} for the masked form people see.
 */
public final class PaymentToken {

  private final String token;
  private final CardBrand brand;
  private final String lastFour;

  private PaymentToken(String token, CardBrand brand, String lastFour) {
    this.token = token;
    this.brand = brand;
    this.lastFour = lastFour;
  }

  /** A token in one of the {@link Formats#defaults() default formats}. */
  public static PaymentToken of(String token, CardBrand brand, String lastFour) {
    return of(token, brand, lastFour, Formats.defaults());
  }

  /**
   * A token in one of the given formats.
   *
   * @throws IllegalArgumentException if the token is in no accepted format or the last four are
   *     not four digits (the message never repeats the value)
   * @throws ProhibitedDataException if the token holds never-keep data such as a card number
   */
  public static PaymentToken of(String token, CardBrand brand, String lastFour, Formats formats) {
    Objects.requireNonNull(brand, "brand");
    if (token == null || token.length() > 255 || !formats.accepts(token)) {
      throw new IllegalArgumentException(
          "This is not a payment processor token. Store the token your processor returns (for"
              + " example tok_..., pm_... or cus_...), never the card number.");
    }
    BuiltinGuard.refuseProhibited(token);
    if (lastFour == null || !lastFour.matches("[0-9]{4}")) {
      throw new IllegalArgumentException("The last four digits must be exactly four digits.");
    }
    return new PaymentToken(token, brand, lastFour);
  }

  public String token() {
    return token;
  }

  public CardBrand brand() {
    return brand;
  }

  public String lastFour() {
    return lastFour;
  }

  /** The masked form for people, e.g. "VISA •••• 4242". */
  public String display() {
    return brand + " •••• " + lastFour;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentToken other
        && token.equals(other.token)
        && brand == other.brand
        && lastFour.equals(other.lastFour);
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, brand, lastFour);
  }

  @Override
  public String toString() {
    return "PaymentToken[brand=" + brand + ", token=***, lastFour=***]";
  }

  /** The token formats a business accepts, as whole-string regular expressions. */
  public static final class Formats {

    private static final Formats DEFAULTS =
        of(
            List.of(
                "tok_[A-Za-z0-9]{8,}",
                "pm_[A-Za-z0-9]{8,}",
                "cus_[A-Za-z0-9]{8,}",
                "card_[A-Za-z0-9]{8,}",
                "src_[A-Za-z0-9]{8,}"));

    private final List<Pattern> patterns;

    private Formats(List<Pattern> patterns) {
      this.patterns = patterns;
    }

    /** Stripe-style tok_, pm_, cus_, card_ and src_ followed by at least eight letters/digits. */
    public static Formats defaults() {
      return DEFAULTS;
    }

    public static Formats of(List<String> regexes) {
      if (regexes == null || regexes.isEmpty()) {
        throw new IllegalArgumentException("Give at least one token format.");
      }
      return new Formats(regexes.stream().map(Pattern::compile).toList());
    }

    boolean accepts(String token) {
      return patterns.stream().anyMatch(p -> p.matcher(token).matches());
    }
  }
}
