package io.steward.guard.detect;

import java.util.regex.Pattern;

/** Counting helpers for identity-document tokens. */
final class IdentityTokens {

  private static final Pattern DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}-\\d{2}-\\d{4}|(19|20)\\d{6}");

  private IdentityTokens() {}

  static int digits(char[] t, int s, int e) {
    int n = 0;
    for (int i = s; i < e; i++) {
      if (Chars.isAsciiDigit(t[i])) {
        n++;
      }
    }
    return n;
  }

  static int alnum(char[] t, int s, int e) {
    int n = 0;
    for (int i = s; i < e; i++) {
      if (Chars.isAsciiAlnum(t[i])) {
        n++;
      }
    }
    return n;
  }

  /** 2026-12-01, 01-12-2026 and 20261201: an expiry date, not a document number. */
  static boolean isDate(char[] t, int s, int e) {
    return DATE.matcher(java.nio.CharBuffer.wrap(t, s, e - s)).matches();
  }
}
