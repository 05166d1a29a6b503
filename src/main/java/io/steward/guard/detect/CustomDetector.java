package io.steward.guard.detect;

import io.steward.guard.Checksum;
import io.steward.guard.Confidence;
import io.steward.guard.CustomDetectorSpec;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A business-defined rule: a vetted regular expression, an optional checksum over each match and
 * optional context words that must appear within 40 characters of it.
 */
public final class CustomDetector implements Detector {

  /** Run-time read budget: far above what a vetted pattern needs, far below a stalled write. */
  private static final long BASE_BUDGET = 1_000_000;
  private static final long BUDGET_PER_CHAR = 1_000;

  private final CustomDetectorSpec spec;
  private final Pattern pattern;
  private final List<ContextWord> words;

  private CustomDetector(CustomDetectorSpec spec, Pattern pattern) {
    this.spec = spec;
    this.pattern = pattern;
    this.words =
        spec.contextWords().stream()
            .map(w -> ContextWord.of(w.strip().toLowerCase(Locale.ROOT), 0))
            .toList();
  }

  /**
   * Vets the spec's pattern and builds the detector.
   *
   * @throws io.steward.guard.InvalidCustomDetectorException if the pattern is invalid or unsafe
   */
  public static CustomDetector of(CustomDetectorSpec spec) {
    return new CustomDetector(spec, PatternVetting.vet(spec.pattern()));
  }

  public CustomDetectorSpec spec() {
    return spec;
  }

  @Override
  public String id() {
    return spec.detectorId();
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public String description() {
    String checksum = spec.checksum() == Checksum.NONE ? "" : ", passing the " + spec.checksum() + " check";
    String context =
        words.isEmpty()
            ? ""
            : ", within 40 characters of one of: " + String.join(", ", spec.contextWords());
    return "Business-defined: text matching the pattern " + spec.pattern() + checksum + context + ".";
  }

  @Override
  public String advice() {
    return spec.advice();
  }

  @Override
  public boolean builtin() {
    return false;
  }

  @Override
  public Confidence find(TextScan scan) {
    char[] t = scan.chars();
    if (!words.isEmpty() && !anyWordIn(t, 0, t.length)) {
      return null;
    }
    try {
      Matcher m = pattern.matcher(BudgetedText.of(t, BASE_BUDGET + BUDGET_PER_CHAR * t.length));
      while (m.find()) {
        if (m.end() > m.start()
            && passesChecksum(t, m.start(), m.end())
            && (words.isEmpty()
                || anyWordIn(t, m.start() - Context.WINDOW, m.end() + Context.WINDOW))) {
          return spec.checksum() == Checksum.NONE ? Confidence.MEDIUM : Confidence.HIGH;
        }
      }
      return null;
    } catch (BudgetedText.BudgetExceeded | StackOverflowError e) {
      // Fail closed: text we could not finish checking is not let through unchecked.
      return Confidence.MEDIUM;
    }
  }

  /** Whether a context word starts within [from, to), or overlaps it. */
  private boolean anyWordIn(char[] t, int from, int to) {
    int start = Math.max(0, from - 40);
    int end = Math.min(t.length, to);
    for (int i = start; i < end; i++) {
      if (!Chars.isBoundary(t, i - 1) && Chars.isWordChar(t[i])) {
        continue;
      }
      for (ContextWord w : words) {
        int wordEnd = w.matchAt(t, i);
        if (wordEnd >= 0 && wordEnd > from) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean passesChecksum(char[] t, int s, int e) {
    return switch (spec.checksum()) {
      case NONE -> true;
      case LUHN -> {
        int[] d = digitsOf(t, s, e);
        yield d.length >= 2 && Checksums.luhn(d, d.length);
      }
      case ABA -> {
        int[] d = digitsOf(t, s, e);
        yield Checksums.aba(d, d.length);
      }
      case MOD97 -> {
        StringBuilder b = new StringBuilder();
        for (int i = s; i < e; i++) {
          if (Chars.isAsciiAlnum(t[i])) {
            b.append(t[i]);
          }
        }
        yield b.length() <= 34 && Checksums.mod97(b.toString().toCharArray(), b.length());
      }
    };
  }

  private static int[] digitsOf(char[] t, int s, int e) {
    int count = 0;
    for (int i = s; i < e; i++) {
      if (Chars.isDigit(t[i])) {
        count++;
      }
    }
    int[] d = new int[Math.min(count, 64)];
    int k = 0;
    for (int i = s; i < e && k < d.length; i++) {
      if (Chars.isDigit(t[i])) {
        d[k++] = Chars.digitValue(t[i]);
      }
    }
    return d;
  }

  @Override
  public String toString() {
    return "CustomDetector[" + id() + "]";
  }
}
