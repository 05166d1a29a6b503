package io.steward.guard.detect;

/**
 * Looks for candidates only around context words: the words are rare, so detectors that need
 * them cost nothing on text without them.
 */
final class NearContext {

  interface RunTest {
    boolean test(DigitRuns runs, int run);
  }

  interface TokenTest {
    boolean test(char[] text, int start, int end);
  }

  private NearContext() {}

  /** Whether a digit run within the window of a context word of {@code category} passes. */
  static boolean anyRun(TextScan scan, int category, RunTest test) {
    if (!scan.hasContext(category)) {
      return false;
    }
    DigitRuns runs = scan.digitRuns();
    for (int h = 0; h < scan.contextHitCount(); h++) {
      if (!scan.contextHitIs(h, category)) {
        continue;
      }
      int from = scan.contextHitStart(h) - Context.WINDOW;
      int to = scan.contextHitEnd(h) + Context.WINDOW;
      for (int r = runs.firstEndingAfter(from); r < runs.count() && runs.start(r) < to; r++) {
        if (test.test(runs, r)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a token within the window of a context word of {@code category} passes. A token is
   * a maximal run of ASCII letters and digits, optionally joined by single dashes when
   * {@code dashes} is true.
   */
  static boolean anyToken(TextScan scan, int category, boolean dashes, TokenTest test) {
    if (!scan.hasContext(category)) {
      return false;
    }
    char[] t = scan.chars();
    for (int h = 0; h < scan.contextHitCount(); h++) {
      if (!scan.contextHitIs(h, category)) {
        continue;
      }
      int i = Math.max(0, scan.contextHitStart(h) - Context.WINDOW);
      int to = Math.min(t.length, scan.contextHitEnd(h) + Context.WINDOW);
      while (i > 0 && isTokenChar(t, i - 1, dashes)) {
        i--;
      }
      while (i < to) {
        if (!Chars.isAsciiAlnum(t[i])) {
          i++;
          continue;
        }
        int s = i;
        while (i < t.length && isTokenChar(t, i, dashes)) {
          i++;
        }
        int e = i;
        while (e > s && t[e - 1] == '-') {
          e--;
        }
        if (Chars.isBoundary(t, s - 1) && Chars.isBoundary(t, e) && test.test(t, s, e)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isTokenChar(char[] t, int i, boolean dashes) {
    char c = t[i];
    return Chars.isAsciiAlnum(c)
        || (dashes && c == '-' && i + 1 < t.length && Chars.isAsciiAlnum(t[i + 1]));
  }

  /** A number on its own: not part of a longer number, a decimal, a thousands group or an amount. */
  static boolean isPlainNumber(DigitRuns runs, int run, char[] t) {
    // Joined to other digits, it is a piece of a phone number, date or amount ("+971 4 342 5237").
    if (!runs.isStandalone(run) || runs.separatorBefore(run) != 0 || runs.separatorAfter(run) != 0) {
      return false;
    }
    int s = runs.start(run);
    int e = runs.end(run);
    if (s > 0) {
      char before = t[s - 1];
      if (before == '$' || before == '€' || before == '£' || before == '¥' || before == '#') {
        return false;
      }
      if (before == ',' && s > 1 && Chars.isDigit(t[s - 2])) {
        return false;
      }
    }
    if (e < t.length) {
      char after = t[e];
      if (after == '%') {
        return false;
      }
      if ((after == ',' || after == '.') && e + 1 < t.length && Chars.isDigit(t[e + 1])) {
        return false;
      }
    }
    return true;
  }
}
