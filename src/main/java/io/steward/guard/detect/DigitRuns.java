package io.steward.guard.detect;

import java.util.Arrays;

/**
 * The maximal runs of digits in a text, in order, and how they join: two runs are joined when a
 * single group separator (space, dash, dot) stands between them, as in "4111 1111" or "123-45".
 */
final class DigitRuns {

  private final char[] text;
  private int[] start = new int[16];
  private int[] end = new int[16];
  private int count;

  private DigitRuns(char[] text) {
    this.text = text;
  }

  static DigitRuns of(char[] t) {
    DigitRuns runs = new DigitRuns(t);
    int n = t.length;
    int i = 0;
    while (i < n) {
      if (Chars.isDigit(t[i])) {
        int s = i;
        do {
          i++;
        } while (i < n && Chars.isDigit(t[i]));
        runs.add(s, i);
      } else {
        i++;
      }
    }
    return runs;
  }

  private void add(int s, int e) {
    if (count == start.length) {
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
    }
    start[count] = s;
    end[count] = e;
    count++;
  }

  int count() {
    return count;
  }

  int start(int run) {
    return start[run];
  }

  int end(int run) {
    return end[run];
  }

  int length(int run) {
    return end[run] - start[run];
  }

  /** The separator joining {@code run} to the next run, or 0 when they are not joined. */
  char separatorAfter(int run) {
    if (run + 1 >= count || start[run + 1] != end[run] + 1) {
      return 0;
    }
    char c = text[end[run]];
    return Chars.isGroupSeparator(c) ? c : 0;
  }

  /** The separator joining the previous run to {@code run}, or 0. */
  char separatorBefore(int run) {
    return run == 0 ? 0 : separatorAfter(run - 1);
  }

  /** The last run of a chain starting at {@code first} whose runs all share one separator. */
  int sameSeparatorChainEnd(int first) {
    char sep = separatorAfter(first);
    int last = first;
    while (sep != 0 && separatorAfter(last) == sep) {
      last++;
    }
    return last;
  }

  /** The first run that ends after {@code position}, or {@link #count()}. */
  int firstEndingAfter(int position) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (end[mid] <= position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Copies the digit values of runs {@code first..last} into {@code into}; returns how many. */
  int digits(int first, int last, int[] into) {
    int k = 0;
    for (int r = first; r <= last; r++) {
      for (int i = start[r]; i < end[r] && k < into.length; i++) {
        into[k++] = Chars.digitValue(text[i]);
      }
    }
    return k;
  }

  /** Digits in runs {@code first..last}. */
  int digitCount(int first, int last) {
    int total = 0;
    for (int r = first; r <= last; r++) {
      total += end[r] - start[r];
    }
    return total;
  }

  /** Whether the run stands alone: no letter or digit directly before or after it. */
  boolean isStandalone(int run) {
    return Chars.isBoundary(text, start[run] - 1) && Chars.isBoundary(text, end[run]);
  }
}
