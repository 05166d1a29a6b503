package io.steward.guard.detect;

import java.util.List;

/**
 * One inspected text and what a single pass over it found: context words, IBAN-shaped and
 * key-shaped word starts, and digit runs. Detectors share it so that each character is classified
 * once per inspection, whatever the number of detectors. Not thread-safe; one per inspection.
 */
public final class TextScan {

  private static final ContextWord[][] WORDS_BY_FIRST_CHAR = index(Context.WORDS);
  private static final SecretPrefix[][] SECRETS_BY_FIRST_CHAR = indexSecrets();

  private final char[] text;
  private boolean wordsScanned;
  private final IntList hitStart = new IntList();
  private final IntList hitEnd = new IntList();
  private final IntList hitCategories = new IntList();
  private int categoriesSeen;
  private final IntList ibanStarts = new IntList();
  private boolean secretPrefixSeen;
  private DigitRuns digitRuns;

  private TextScan(char[] text) {
    this.text = text;
  }

  public static TextScan of(String text) {
    return new TextScan(text.toCharArray());
  }

  char[] chars() {
    return text;
  }

  /** The digit runs of the text, found on first use. */
  DigitRuns digitRuns() {
    if (digitRuns == null) {
      digitRuns = DigitRuns.of(text);
    }
    return digitRuns;
  }

  /** Whether any context word of the given categories occurs. */
  boolean hasContext(int categories) {
    scanWords();
    return (categoriesSeen & categories) != 0;
  }

  int contextHitCount() {
    scanWords();
    return hitStart.size();
  }

  int contextHitStart(int hit) {
    return hitStart.get(hit);
  }

  int contextHitEnd(int hit) {
    return hitEnd.get(hit);
  }

  boolean contextHitIs(int hit, int categories) {
    return (hitCategories.get(hit) & categories) != 0;
  }

  /** Whether a context word of the given categories lies within the window of [start, end). */
  boolean hasContextNear(int start, int end, int categories) {
    scanWords();
    if ((categoriesSeen & categories) == 0) {
      return false;
    }
    for (int h = 0; h < hitStart.size(); h++) {
      if ((hitCategories.get(h) & categories) != 0
          && hitEnd.get(h) + Context.WINDOW >= start
          && hitStart.get(h) - Context.WINDOW <= end) {
        return true;
      }
    }
    return false;
  }

  IntList ibanStarts() {
    scanWords();
    return ibanStarts;
  }

  boolean secretPrefixSeen() {
    scanWords();
    return secretPrefixSeen;
  }

  /** The single pass over word starts: context words, IBAN shapes, key prefixes, PEM headers. */
  private void scanWords() {
    if (wordsScanned) {
      return;
    }
    wordsScanned = true;
    char[] t = text;
    int n = t.length;
    boolean previousWasWord = false;
    for (int i = 0; i < n; i++) {
      char c = t[i];
      boolean word = Chars.isWordChar(c);
      if (word && !previousWasWord && c < 128) {
        onWordStart(t, i, c);
      } else if (c == '-' && i + 10 <= n && t[i + 4] == '-' && isPemHeader(t, i)) {
        secretPrefixSeen = true;
      }
      previousWasWord = word;
    }
  }

  private void onWordStart(char[] t, int i, char c) {
    ContextWord[] words = WORDS_BY_FIRST_CHAR[c | 0x20];
    if (words != null) {
      for (ContextWord w : words) {
        int end = w.matchAt(t, i);
        if (end >= 0) {
          hitStart.add(i);
          hitEnd.add(end);
          hitCategories.add(w.categories());
          categoriesSeen |= w.categories();
        }
      }
    }
    if (!secretPrefixSeen) {
      SecretPrefix[] prefixes = SECRETS_BY_FIRST_CHAR[c];
      if (prefixes != null) {
        for (SecretPrefix p : prefixes) {
          if (p.matchesAt(t, i)) {
            secretPrefixSeen = true;
            break;
          }
        }
      }
    }
    if (i + 3 < t.length
        && Chars.isAsciiLetter(c)
        && Chars.isAsciiLetter(t[i + 1])
        && Chars.isAsciiDigit(t[i + 2])
        && Chars.isAsciiDigit(t[i + 3])) {
      ibanStarts.add(i);
    }
  }

  private static boolean isPemHeader(char[] t, int i) {
    String begin = "-----BEGIN ";
    if (i + begin.length() > t.length) {
      return false;
    }
    for (int k = 0; k < begin.length(); k++) {
      if (t[i + k] != begin.charAt(k)) {
        return false;
      }
    }
    String tail = "PRIVATE KEY-----";
    int limit = Math.min(t.length - tail.length(), i + begin.length() + 20);
    for (int s = i + begin.length(); s <= limit; s++) {
      if (t[s] == 'P' && new String(t, s, tail.length()).equals(tail)) {
        return true;
      }
    }
    return false;
  }

  private static ContextWord[][] index(List<ContextWord> words) {
    ContextWord[][] byChar = new ContextWord[128][];
    for (ContextWord w : words) {
      int c = w.firstChar();
      ContextWord[] old = byChar[c] == null ? new ContextWord[0] : byChar[c];
      ContextWord[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = w;
      byChar[c] = grown;
    }
    return byChar;
  }

  private static SecretPrefix[][] indexSecrets() {
    SecretPrefix[][] byChar = new SecretPrefix[128][];
    for (SecretPrefix p : SecretPrefix.ALL) {
      int c = p.prefix().charAt(0);
      SecretPrefix[] old = byChar[c] == null ? new SecretPrefix[0] : byChar[c];
      SecretPrefix[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = p;
      byChar[c] = grown;
    }
    return byChar;
  }
}
