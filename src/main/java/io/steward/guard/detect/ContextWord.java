package io.steward.guard.detect;

/**
 * A word or phrase that gives a number its meaning ("SSN", "routing", "driver's licence"),
 * matched case-insensitively at the start of a word.
 *
 * <p>In the phrase, a space matches any run of spaces, dashes, dots or underscores ("soc. sec",
 * "api_key"), an apostrophe is optional and may be typographic ("drivers", "driver’s"), {@code #}
 * and {@code :} may be preceded by spaces, and a trailing {@code *} makes the phrase a prefix
 * ("passport*" also matches "passports" and "passportno"). Without {@code *} the phrase must end at
 * a word boundary, so "aba" does not match "abacus".
 */
record ContextWord(String phrase, int categories, boolean prefix) {

  static ContextWord of(String spec, int categories) {
    boolean prefix = spec.endsWith("*");
    return new ContextWord(prefix ? spec.substring(0, spec.length() - 1) : spec, categories, prefix);
  }

  char firstChar() {
    return phrase.charAt(0);
  }

  /** The end (exclusive) of the match starting at {@code start}, or -1. */
  int matchAt(char[] t, int start) {
    int n = t.length;
    int i = start;
    for (int p = 0; p < phrase.length(); p++) {
      char want = phrase.charAt(p);
      switch (want) {
        case ' ' -> {
          int from = i;
          while (i < n && (Chars.isSpace(t[i]) || t[i] == '-' || t[i] == '.' || t[i] == '_')) {
            i++;
          }
          if (i == from) {
            return -1;
          }
        }
        case '\'' -> {
          if (i < n && (t[i] == '\'' || t[i] == '\u2019')) {
            i++;
          }
        }
        case '#', ':' -> {
          while (i < n && Chars.isSpace(t[i])) {
            i++;
          }
          if (i >= n || t[i] != want) {
            return -1;
          }
          i++;
        }
        default -> {
          if (i >= n) {
            return -1;
          }
          char c = t[i];
          if (c != want && (c < 'A' || c > 'Z' || (char) (c + 32) != want)) {
            return -1;
          }
          i++;
        }
      }
    }
    boolean wordEnd = Chars.isWordChar(phrase.charAt(phrase.length() - 1));
    if (!prefix && wordEnd && i < n && Chars.isWordChar(t[i])) {
      return -1;
    }
    return i;
  }
}
