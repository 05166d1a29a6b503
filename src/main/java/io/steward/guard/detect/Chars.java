package io.steward.guard.detect;

/** Character classes shared by the detectors, with an ASCII fast path. */
final class Chars {

  private static final byte DIGIT = 1;
  private static final byte LETTER = 2;
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = DIGIT;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = LETTER;
      ASCII[c - 32] = LETTER;
    }
  }

  private Chars() {}

  /** Any decimal digit, including full-width and other scripts' digits. */
  static boolean isDigit(char c) {
    return c < 128 ? ASCII[c] == DIGIT : Character.isDigit(c);
  }

  static int digitValue(char c) {
    return c < 128 ? c - '0' : Character.digit(c, 10);
  }

  static boolean isWordChar(char c) {
    return c < 128 ? ASCII[c] != 0 : Character.isLetterOrDigit(c);
  }

  static boolean isAsciiLetter(char c) {
    return c < 128 && ASCII[c] == LETTER;
  }

  static boolean isAsciiAlnum(char c) {
    return c < 128 && ASCII[c] != 0;
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Characters people put between digit groups: space, dash, dot and their Unicode cousins. */
  static boolean isGroupSeparator(char c) {
    return switch (c) {
      case ' ', '-', '.', '\u00A0', '\u2007', '\u2009', '\u202F', '\u2010', '\u2011', '\u2012',
          '\u2013' -> true;
      default -> false;
    };
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F' || c == '\u2009';
  }

  /** True when position {@code i} is outside the text or holds no letter or digit. */
  static boolean isBoundary(char[] t, int i) {
    return i < 0 || i >= t.length || !isWordChar(t[i]);
  }
}
