package io.steward.guard.detect;

import java.util.List;

/**
 * A credential format recognised by its fixed prefix, e.g. Stripe secret keys ({@code sk_live_})
 * or AWS access key ids ({@code AKIA}). Case-sensitive. Processor tokens such as {@code tok_},
 * {@code pm_} and {@code cus_} are deliberately absent: they are what Steward should keep.
 */
record SecretPrefix(String prefix, int minTail, int maxTail, Tail tail) {

  enum Tail {
    ALNUM,
    UPPER_ALNUM,
    /** Letters, digits, underscore and dash: GitHub, Slack, Google and GitLab tokens. */
    TOKEN,
    /** As TOKEN plus dot: SendGrid keys. */
    DOTTED_TOKEN;

    boolean accepts(char c) {
      return switch (this) {
        case ALNUM -> Chars.isAsciiAlnum(c);
        case UPPER_ALNUM -> (c >= 'A' && c <= 'Z') || Chars.isAsciiDigit(c);
        case TOKEN -> Chars.isAsciiAlnum(c) || c == '_' || c == '-';
        case DOTTED_TOKEN -> Chars.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
      };
    }
  }

  static final List<SecretPrefix> ALL =
      List.of(
          new SecretPrefix("sk_live_", 10, 256, Tail.ALNUM),
          new SecretPrefix("sk_test_", 10, 256, Tail.ALNUM),
          new SecretPrefix("rk_live_", 10, 256, Tail.ALNUM),
          new SecretPrefix("rk_test_", 10, 256, Tail.ALNUM),
          new SecretPrefix("whsec_", 16, 256, Tail.ALNUM),
          new SecretPrefix("AKIA", 16, 16, Tail.UPPER_ALNUM),
          new SecretPrefix("ASIA", 16, 16, Tail.UPPER_ALNUM),
          new SecretPrefix("ghp_", 30, 255, Tail.ALNUM),
          new SecretPrefix("gho_", 30, 255, Tail.ALNUM),
          new SecretPrefix("ghu_", 30, 255, Tail.ALNUM),
          new SecretPrefix("ghs_", 30, 255, Tail.ALNUM),
          new SecretPrefix("ghr_", 30, 255, Tail.ALNUM),
          new SecretPrefix("github_pat_", 22, 255, Tail.TOKEN),
          new SecretPrefix("glpat-", 20, 255, Tail.TOKEN),
          new SecretPrefix("xoxb-", 10, 255, Tail.TOKEN),
          new SecretPrefix("xoxa-", 10, 255, Tail.TOKEN),
          new SecretPrefix("xoxp-", 10, 255, Tail.TOKEN),
          new SecretPrefix("xoxr-", 10, 255, Tail.TOKEN),
          new SecretPrefix("xoxs-", 10, 255, Tail.TOKEN),
          new SecretPrefix("AIza", 30, 60, Tail.TOKEN),
          new SecretPrefix("npm_", 30, 255, Tail.ALNUM),
          new SecretPrefix("SG.", 40, 255, Tail.DOTTED_TOKEN),
          new SecretPrefix("sk-proj-", 20, 255, Tail.TOKEN),
          new SecretPrefix("sk-ant-", 20, 255, Tail.TOKEN));

  /** Whether a complete key of this format starts at {@code start}. */
  boolean matchesAt(char[] t, int start) {
    int n = t.length;
    if (start + prefix.length() + minTail > n) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (t[start + k] != prefix.charAt(k)) {
        return false;
      }
    }
    int i = start + prefix.length();
    int tailStart = i;
    while (i < n && i - tailStart < maxTail && tail.accepts(t[i])) {
      i++;
    }
    int tailLength = i - tailStart;
    if (tailLength < minTail) {
      return false;
    }
    // Fixed-length formats (AWS) must end there; "AKIA" inside a longer word is something else.
    return minTail != maxTail || i >= n || !Chars.isAsciiAlnum(t[i]);
  }
}
