package io.steward.guard;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of synthetic never-keep values, valid by construction (check digits computed), and
 * of the CRM-like text around them. Shared by the property tests.
 */
final class SensitiveValues {

  /** A brand's leading digits and the lengths it issues. */
  record Brand(String name, List<String> prefixes, List<Integer> lengths) {}

  static final List<Brand> BRANDS =
      List.of(
          new Brand("visa", List.of("4"), List.of(13, 16, 19)),
          new Brand("mastercard", List.of("51", "52", "53", "54", "55", "2221", "2500", "2720"),
              List.of(16)),
          new Brand("amex", List.of("34", "37"), List.of(15)),
          new Brand("discover", List.of("6011", "644", "649", "65"), List.of(16, 17, 18, 19)),
          new Brand("jcb", List.of("3528", "3550", "3589"), List.of(16, 17, 18, 19)),
          new Brand("diners", List.of("300", "305", "36", "38"), List.of(14, 15, 16, 17, 18, 19)),
          new Brand("unionpay", List.of("62"), List.of(16, 17, 18, 19)),
          new Brand("maestro", List.of("50", "56", "58", "63", "67", "69"),
              List.of(13, 14, 15, 16, 17, 18, 19)));

  static final List<String> SEPARATORS = List.of("", " ", "-", ".");

  private static final List<String> BEFORE =
      List.of(
          "", "Card on file:", "Customer read out their card", "Please charge", "New payment method",
          "Note from call with Dana Whitfield (Acme Ltd) -", "Card", "pay with", "Billing:",
          "Kunde möchte mit Karte zahlen:", "Re: order A-2026-0042 -");

  private static final List<String> AFTER =
      List.of(
          "", "thanks!", "exp 12/27", "expires end of month", "(Visa)", "- call back Tuesday",
          "for the annual renewal.", "and ship to the Leeds office", "— bitte belasten");

  private SensitiveValues() {}

  /** A Luhn-valid number of the given brand, with prefix and length chosen by jqwik. */
  static Arbitrary<String> cardDigits() {
    return Arbitraries.of(BRANDS)
        .flatMap(
            brand ->
                Combinators.combine(
                        Arbitraries.of(brand.prefixes()),
                        Arbitraries.of(brand.lengths()),
                        Arbitraries.strings().numeric().ofLength(19))
                    .as((prefix, length, filler) -> withLuhnDigit(prefix + filler, length)));
  }

  static String withLuhnDigit(String digits, int length) {
    String body = digits.substring(0, length - 1);
    for (int check = 0; check <= 9; check++) {
      if (luhn(body + check)) {
        return body + check;
      }
    }
    throw new IllegalStateException();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** The number laid out as printed on cards: 4-6-5 for Amex-length, 4-4-4-4(-3) otherwise. */
  static String grouped(String digits, String separator) {
    if (separator.isEmpty()) {
      return digits;
    }
    int[] groups =
        switch (digits.length()) {
          case 13 -> new int[] {4, 4, 5};
          case 14 -> new int[] {4, 6, 4};
          case 15 -> new int[] {4, 6, 5};
          case 16 -> new int[] {4, 4, 4, 4};
          case 17 -> new int[] {4, 4, 4, 5};
          case 18 -> new int[] {4, 4, 4, 6};
          default -> new int[] {4, 4, 4, 4, 3};
        };
    List<String> parts = new ArrayList<>();
    int at = 0;
    for (int g : groups) {
      parts.add(digits.substring(at, at + g));
      at += g;
    }
    return String.join(separator, parts);
  }

  /** Wraps a value in CRM-like words; the words may touch the value on the right. */
  static Arbitrary<String> embedded(Arbitrary<String> values) {
    return Combinators.combine(
            Arbitraries.of(BEFORE),
            Arbitraries.of(" ", ": ", "\n", " (", " #", "\t"),
            values,
            Arbitraries.of(" ", ", ", ") ", ".", "\n", ""),
            Arbitraries.of(AFTER))
        .as((before, open, value, close, after) -> before + open + value + close + after);
  }

  /** Valid SSN parts: area 001-899 except 666, group 01-99, serial 0001-9999. */
  static Arbitrary<String> ssnDigits() {
    Arbitrary<Integer> area = Arbitraries.integers().between(1, 899).filter(a -> a != 666);
    return Combinators.combine(
            area, Arbitraries.integers().between(1, 99), Arbitraries.integers().between(1, 9999))
        .as((a, g, s) -> String.format("%03d%02d%04d", a, g, s));
  }

  static String dashed(String ssn, String separator) {
    return ssn.substring(0, 3) + separator + ssn.substring(3, 5) + separator + ssn.substring(5);
  }

  static final List<String> SSN_CONTEXT =
      List.of("SSN", "SSN:", "ssn #", "Social Security Number", "social security no.",
          "Soc. Sec.", "SS#", "taxpayer id", "Tax ID:", "SSNs on file:");

  /** IBAN lengths from the SWIFT registry, written out here independently of the detector. */
  static final java.util.Map<String, Integer> IBAN_LENGTHS =
      java.util.Map.ofEntries(
          java.util.Map.entry("DE", 22), java.util.Map.entry("GB", 22),
          java.util.Map.entry("FR", 27), java.util.Map.entry("NL", 18),
          java.util.Map.entry("ES", 24), java.util.Map.entry("IT", 27),
          java.util.Map.entry("BE", 16), java.util.Map.entry("CH", 21),
          java.util.Map.entry("AT", 20), java.util.Map.entry("IE", 22),
          java.util.Map.entry("PL", 28), java.util.Map.entry("SE", 24),
          java.util.Map.entry("NO", 15), java.util.Map.entry("DK", 18),
          java.util.Map.entry("FI", 18), java.util.Map.entry("PT", 25),
          java.util.Map.entry("LU", 20), java.util.Map.entry("MT", 31),
          java.util.Map.entry("SA", 24), java.util.Map.entry("BR", 29),
          java.util.Map.entry("TR", 26), java.util.Map.entry("AE", 23),
          java.util.Map.entry("CZ", 24), java.util.Map.entry("HU", 28),
          java.util.Map.entry("RO", 24), java.util.Map.entry("BG", 22),
          java.util.Map.entry("HR", 21), java.util.Map.entry("GR", 27));

  static final List<String> IBAN_COUNTRIES = List.copyOf(new java.util.TreeSet<>(IBAN_LENGTHS.keySet()));

  private static final List<String> LETTER_BANK_CODES = List.of("GB", "NL", "IE", "MT", "BG", "RO");

  static Arbitrary<String> ibans() {
    return Combinators.combine(
            Arbitraries.of(IBAN_COUNTRIES),
            Arbitraries.strings().numeric().ofLength(30),
            Arbitraries.strings().withCharRange('A', 'Z').ofLength(4))
        .as(SensitiveValues::iban);
  }

  static String iban(String country, String digits, String bankLetters) {
    int length = IBAN_LENGTHS.get(country);
    int bbanLength = length - 4;
    String bban =
        LETTER_BANK_CODES.contains(country)
            ? bankLetters + digits.substring(0, bbanLength - 4)
            : digits.substring(0, bbanLength);
    int check = 98 - mod97(bban + country + "00");
    return country + String.format("%02d", check) + bban;
  }

  static int mod97(String s) {
    int r = 0;
    for (char c : s.toCharArray()) {
      if (Character.isDigit(c)) {
        r = (r * 10 + (c - '0')) % 97;
      } else {
        r = (r * 100 + (c - 'A' + 10)) % 97;
      }
    }
    return r;
  }

  /** Paper format: groups of four separated by single spaces. */
  static String spaced(String iban) {
    return iban.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
