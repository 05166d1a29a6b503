package io.steward.guard.detect;

import io.steward.guard.InvalidCustomDetectorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether a business-written regular expression is safe to run on every write.
 *
 * <p>Java's regex engine backtracks, so {@code (a+)+$} takes exponential time and {@code \d+x}
 * quadratic time on unlucky input. Rather than parse the pattern, we run it: against long
 * adversarial inputs built from the pattern's own literal characters plus digits, letters and
 * spaces, with a budget of {@value #STEPS_PER_CHAR} character reads per input character. A
 * pattern that stays within budget on all of them is linear enough in practice; at run time the
 * same budget (more generous) still applies, so a pattern that slips through cannot stall a write.
 */
public final class PatternVetting {

  static final int STEPS_PER_CHAR = 200;
  static final int BASE_STEPS = 50_000;
  private static final int PROBE_LENGTH = 5_000;

  private PatternVetting() {}

  /** Compiles the pattern or throws {@link InvalidCustomDetectorException} saying why not. */
  public static Pattern vet(String regex) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidCustomDetectorException(
          "The pattern is not a valid regular expression: " + e.getDescription() + ".");
    }
    if (pattern.matcher("").matches()) {
      throw new InvalidCustomDetectorException(
          "The pattern matches empty text, so it would refuse everything; require at least one"
              + " character.");
    }
    for (String probe : probes(regex)) {
      char[] chars = probe.toCharArray();
      BudgetedText text = BudgetedText.of(chars, BASE_STEPS + (long) STEPS_PER_CHAR * chars.length);
      try {
        Matcher m = pattern.matcher(text);
        int found = 0;
        while (m.find() && ++found < 10_000) {
          // Drain every match: a pattern may be fast to the first match and slow afterwards.
        }
      } catch (BudgetedText.BudgetExceeded e) {
        throw new InvalidCustomDetectorException(
            "The pattern backtracks too much on long input and could slow every save. Bound"
                + " repetitions (for example \\d{6,10} instead of \\d+), avoid nested"
                + " repetition such as (a+)+ and leading .* or .+.");
      } catch (StackOverflowError e) {
        throw new InvalidCustomDetectorException(
            "The pattern recurses too deeply on long input; avoid repeated alternation groups"
                + " such as (a|b)*.");
      }
    }
    return pattern;
  }

  /** Long inputs likely to make a backtracking pattern fail slowly. */
  static List<String> probes(String regex) {
    Set<String> alphabets = new LinkedHashSet<>();
    alphabets.add("a");
    alphabets.add("0");
    alphabets.add(" ");
    alphabets.add("a0");
    alphabets.add("0 ");
    alphabets.add("0-");
    alphabets.add("aA0_-. ");
    StringBuilder literals = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (Character.isLetterOrDigit(c) && (i == 0 || regex.charAt(i - 1) != '\\')) {
        if (literals.indexOf(String.valueOf(c)) < 0) {
          literals.append(c);
          alphabets.add(String.valueOf(c));
        }
      }
    }
    if (literals.length() > 0) {
      alphabets.add(literals.toString());
    }
    List<String> probes = new ArrayList<>();
    for (String alphabet : alphabets) {
      for (String tail : new String[] {"!", "\u0000"}) {
        StringBuilder b = new StringBuilder(PROBE_LENGTH + 1);
        while (b.length() < PROBE_LENGTH) {
          b.append(alphabet);
        }
        b.setLength(PROBE_LENGTH);
        probes.add(b.append(tail).toString());
      }
    }
    return probes;
  }
}
