package io.steward.guard.detect;

import io.steward.guard.Confidence;

/**
 * Payment card numbers (PANs): 13 to 19 digits, written whole or in groups separated by spaces,
 * dashes or dots, in a major brand's IIN range for that length, and Luhn-valid. Letters may touch
 * the number ("card4111…", "…1111exp"): people glue words to numbers, and checksum plus range
 * already make a chance match rare.
 */
final class CardNumberDetector extends BuiltinDetector {

  static final String ID = "payment-card";

  CardNumberDetector() {
    super(
        ID,
        "Payment card number",
        "13 to 19 digits, whole or grouped by spaces, dashes or dots with a first group of four,"
            + " Luhn-valid and in the number range of Visa, Mastercard, American Express,"
            + " Discover, JCB, Diners Club, UnionPay or Maestro. Found anywhere in the text.",
        "This looks like a payment card number. Steward does not keep card numbers; store your"
            + " payment processor's token instead.");
  }

  @Override
  public Confidence find(TextScan scan) {
    DigitRuns runs = scan.digitRuns();
    char[] t = scan.chars();
    int[] digits = new int[19];
    for (int r = 0; r < runs.count(); r++) {
      int len = runs.length(r);
      if (len >= 13 && len <= 19 && isCard(runs, t, r, r, digits)) {
        return Confidence.HIGH;
      }
    }
    int r = 0;
    while (r < runs.count()) {
      int last = runs.sameSeparatorChainEnd(r);
      if (last > r) {
        // A card is often followed by its expiry or security code in the same layout
        // ("4111 1111 1111 1111 12 27"), so every leading part of a chain counts. Trailing parts
        // do not: "7027 6272 2259 4325 5035" is a parcel, not a card after a 4-digit group.
        for (int e = r + 1; e <= last && runs.digitCount(r, e - 1) < 19; e++) {
          if (isCard(runs, t, r, e, digits)) {
            return Confidence.HIGH;
          }
        }
        r = last;
      } else {
        r++;
      }
    }
    return null;
  }

  private static boolean isCard(DigitRuns runs, char[] t, int first, int last, int[] digits) {
    int count = runs.digitCount(first, last);
    if (count < 13 || count > 19) {
      return false;
    }
    if (first != last && runs.length(first) != 4) {
      return false;
    }
    int start = runs.start(first);
    // "+6281234567890" is an international phone number, which E.164 caps at 15 digits.
    if (start > 0 && t[start - 1] == '+' && count <= 15) {
      return false;
    }
    runs.digits(first, last, digits);
    return inBrandRange(digits, count) && Checksums.luhn(digits, count);
  }

  /** Whether the leading digits belong to a major brand that issues numbers of this length. */
  static boolean inBrandRange(int[] d, int len) {
    int p2 = d[0] * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    return switch (d[0]) {
      case 2 -> p4 >= 2221 && p4 <= 2720 && len == 16; // Mastercard 2-series
      case 3 ->
          ((p2 == 34 || p2 == 37) && len == 15) // American Express
              || (p4 >= 3528 && p4 <= 3589 && len >= 16) // JCB
              || (((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39)
                  && len >= 14); // Diners Club
      case 4 -> len == 13 || len == 16 || len == 19; // Visa
      case 5 -> (p2 >= 51 && p2 <= 55 && len == 16) || p2 == 50 || p2 >= 56; // MC, Maestro
      case 6 -> true; // Discover 6011/644-649/65, UnionPay 62, Maestro 56-69: all of 6 at 13-19
      default -> false;
    };
  }
}
