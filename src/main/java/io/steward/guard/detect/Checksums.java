package io.steward.guard.detect;

/** Check-digit algorithms. All take digits or characters already extracted from the text. */
public final class Checksums {

  private Checksums() {}

  /** Luhn mod 10 over {@code len} digits. */
  public static boolean luhn(int[] digits, int len) {
    int sum = 0;
    boolean dbl = false;
    for (int i = len - 1; i >= 0; i--) {
      int d = digits[i];
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /**
   * ABA routing number: valid Federal Reserve prefix (00-12, 21-32, 61-72, 80) and weights
   * 3-7-1.
   */
  public static boolean aba(int[] d, int len) {
    if (len != 9) {
      return false;
    }
    int prefix = d[0] * 10 + d[1];
    boolean knownPrefix =
        prefix <= 12
            || (prefix >= 21 && prefix <= 32)
            || (prefix >= 61 && prefix <= 72)
            || prefix == 80;
    int sum =
        3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    return knownPrefix && sum % 10 == 0;
  }

  /**
   * ISO 13616 (IBAN) mod 97: the first four characters move to the end, letters count as 10..35,
   * and the remainder must be 1. Expects upper- or lower-case ASCII letters and digits only.
   */
  public static boolean mod97(char[] chars, int len) {
    if (len < 5) {
      return false;
    }
    int r = 0;
    for (int k = 0; k < len; k++) {
      char c = chars[(k + 4) % len];
      if (c >= '0' && c <= '9') {
        r = (r * 10 + (c - '0')) % 97;
      } else {
        int v = Character.toUpperCase(c) - 'A' + 10;
        if (v < 10 || v > 35) {
          return false;
        }
        r = (r * 100 + v) % 97;
      }
    }
    return r == 1;
  }
}
