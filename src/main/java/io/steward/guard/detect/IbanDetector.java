package io.steward.guard.detect;

import io.steward.guard.Confidence;
import java.util.Map;

/**
 * International bank account numbers: a known country code, two check digits, the country's
 * exact length, and ISO 13616 mod-97 = 1. Spaces between groups and any letter case allowed.
 */
final class IbanDetector extends BuiltinDetector {

  static final String ID = "iban";

  /** IBAN lengths per the SWIFT IBAN registry. */
  static final Map<String, Integer> LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
          Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
          Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
          Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
          Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
          Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
          Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
          Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
          Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21), Map.entry("HU", 28),
          Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
          Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
          Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
          Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27),
          Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
          Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
          Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24),
          Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
          Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24),
          Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
          Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
          Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26),
          Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
          Map.entry("YE", 30));

  /** Lengths indexed by the two letters, 0 where there is no such country: no allocation. */
  private static final int[] LENGTH_BY_CODE = new int[26 * 26];

  static {
    LENGTHS.forEach((code, len) -> LENGTH_BY_CODE[(code.charAt(0) - 'A') * 26 + code.charAt(1) - 'A'] = len);
  }

  IbanDetector() {
    super(
        ID,
        "IBAN (bank account)",
        "A country code, two check digits and the account part, at that country's exact IBAN"
            + " length (SWIFT registry, 89 countries) with a valid mod-97 check. Upper or lower"
            + " case, with or without spaces.",
        "This looks like a bank account number (IBAN). Steward does not keep bank account"
            + " numbers; keep the account in your payment or banking system and note only that"
            + " it is on file there.");
  }

  @Override
  public Confidence find(TextScan scan) {
    IntList starts = scan.ibanStarts();
    char[] t = scan.chars();
    char[] buffer = new char[34];
    for (int k = 0; k < starts.size(); k++) {
      if (isIban(t, starts.get(k), buffer)) {
        return Confidence.HIGH;
      }
    }
    return null;
  }

  static int lengthFor(char a, char b) {
    int x = Character.toUpperCase(a) - 'A';
    int y = Character.toUpperCase(b) - 'A';
    return x < 0 || x >= 26 || y < 0 || y >= 26 ? 0 : LENGTH_BY_CODE[x * 26 + y];
  }

  private static boolean isIban(char[] t, int start, char[] buffer) {
    int len = lengthFor(t[start], t[start + 1]);
    if (len == 0) {
      return false;
    }
    int i = start;
    int k = 0;
    while (k < len && i < t.length) {
      char c = t[i];
      if (Chars.isAsciiAlnum(c)) {
        buffer[k++] = c;
        i++;
      } else if (c == ' ' && k > 0 && i + 1 < t.length && Chars.isAsciiAlnum(t[i + 1])) {
        i++;
      } else {
        return false;
      }
    }
    // A word may touch the last character ("…0130 00thanks"); a digit would make it longer.
    return k == len && (i >= t.length || !Chars.isDigit(t[i])) && Checksums.mod97(buffer, len);
  }
}
