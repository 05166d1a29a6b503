package io.steward.guard.detect;

/**
 * A CharSequence that counts character reads and throws once a budget is spent. Java's regex
 * engine reads input only through {@code charAt}, so this bounds backtracking deterministically,
 * without threads or timers.
 */
final class BudgetedText implements CharSequence {

  /** Thrown when a pattern has read more characters than its budget allows. */
  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("Regular expression step budget exceeded", null, false, false);
    }
  }

  private final char[] text;
  private final int offset;
  private final int length;
  private final long[] remaining;

  private BudgetedText(char[] text, int offset, int length, long[] remaining) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.remaining = remaining;
  }

  static BudgetedText of(char[] text, long budget) {
    return new BudgetedText(text, 0, text.length, new long[] {budget});
  }

  @Override
  public char charAt(int index) {
    if (--remaining[0] < 0) {
      throw new BudgetExceeded();
    }
    return text[offset + index];
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BudgetedText(text, offset + start, end - start, remaining);
  }

  @Override
  public String toString() {
    // Never used for matching; kept value-free so that a stray log line cannot leak the text.
    return "BudgetedText[length=" + length + "]";
  }
}
