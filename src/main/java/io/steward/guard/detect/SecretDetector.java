package io.steward.guard.detect;

import io.steward.guard.Confidence;
import java.util.Locale;
import java.util.Set;

/**
 * Credentials: API keys recognised by their issuer's prefix, PEM private keys, and values written
 * after "password:", "pwd=", "PIN:", "api key:" and the like.
 */
final class SecretDetector extends BuiltinDetector {

  static final String ID = "secret";

  /** Words that follow "password:" in notes about passwords rather than in passwords. */
  private static final Set<String> NOT_A_PASSWORD =
      Set.of(
          "reset", "resets", "changed", "change", "expired", "expires", "sent", "updated",
          "update", "required", "none", "null", "n/a", "na", "hidden", "redacted", "masked",
          "unknown", "tbd", "pending", "provided", "forgotten", "forgot", "locked", "manager",
          "policy", "protected", "removed", "rotated", "same", "emailed", "requested", "set",
          "being", "correct", "wrong", "incorrect", "strong", "weak", "valid", "invalid");

  SecretDetector() {
    super(
        ID,
        "Password or secret key",
        "API keys by issuer prefix (sk_live_, sk_test_, rk_live_, whsec_, AKIA/ASIA + 16, ghp_,"
            + " github_pat_, glpat-, xox[abprs]-, AIza, npm_, SG., sk-proj-, sk-ant-), PEM"
            + " '-----BEGIN ... PRIVATE KEY-----' blocks, and values after 'password', 'passwd',"
            + " 'pwd', 'passcode' or 'passphrase' followed by ':', '=' or ' is ', after 'PIN:'"
            + " (4-8 digits), after 'api key:'/'client secret:'/'access token:' (16+ characters)"
            + " and after 'Bearer'. Payment processor tokens (tok_, pm_, cus_) are not secrets.",
        "This looks like a password or secret key. Steward does not keep credentials; store it"
            + " in a password manager or secrets vault and, if it was shared, rotate it.");
  }

  @Override
  public Confidence find(TextScan scan) {
    if (scan.secretPrefixSeen()) {
      return Confidence.HIGH;
    }
    int kinds = Context.PASSWORD | Context.PIN | Context.API_KEY | Context.BEARER;
    if (!scan.hasContext(kinds)) {
      return null;
    }
    char[] t = scan.chars();
    for (int h = 0; h < scan.contextHitCount(); h++) {
      int end = scan.contextHitEnd(h);
      if ((scan.contextHitIs(h, Context.PASSWORD) && passwordFollows(t, end))
          || (scan.contextHitIs(h, Context.PIN) && pinFollows(t, end))
          || (scan.contextHitIs(h, Context.API_KEY) && keyFollows(t, end, true, 16))
          || (scan.contextHitIs(h, Context.BEARER) && keyFollows(t, end, false, 20))) {
        return Confidence.MEDIUM;
      }
    }
    return null;
  }

  private static boolean passwordFollows(char[] t, int i) {
    int afterSeparator = separator(t, i, true);
    if (afterSeparator < 0) {
      return false;
    }
    boolean saidIs = afterSeparator > 0 && isIsForm(t, i);
    int s = skipSpacesAndQuote(t, afterSeparator);
    int e = valueEnd(t, s);
    String value = trimPunctuation(new String(t, s, e - s));
    if (value.length() < 4 || isMasked(value)) {
      return false;
    }
    if (NOT_A_PASSWORD.contains(value.toLowerCase(Locale.ROOT))) {
      return false;
    }
    // "the password is reset tomorrow": in prose, only a value with a digit or symbol counts.
    return !saidIs || !value.chars().allMatch(Character::isLetter);
  }

  private static boolean pinFollows(char[] t, int i) {
    int afterSeparator = separator(t, i, true);
    if (afterSeparator < 0) {
      return false;
    }
    int s = skipSpacesAndQuote(t, afterSeparator);
    int e = s;
    while (e < t.length && Chars.isDigit(t[e])) {
      e++;
    }
    return e - s >= 4 && e - s <= 8 && Chars.isBoundary(t, e);
  }

  private static boolean keyFollows(char[] t, int i, boolean needsSeparator, int minLength) {
    int s;
    if (needsSeparator) {
      int afterSeparator = separator(t, i, false);
      if (afterSeparator < 0) {
        return false;
      }
      s = skipSpacesAndQuote(t, afterSeparator);
    } else {
      if (i >= t.length || !Chars.isSpace(t[i])) {
        return false;
      }
      s = skipSpacesAndQuote(t, i);
    }
    int e = s;
    boolean letter = false;
    boolean digit = false;
    while (e < t.length && isKeyChar(t[e])) {
      letter |= Chars.isAsciiLetter(t[e]);
      digit |= Chars.isAsciiDigit(t[e]);
      e++;
    }
    return e - s >= minLength && letter && digit;
  }

  /** The index after ':' or '=' (or " is " when allowed) following position i, or -1. */
  private static int separator(char[] t, int i, boolean allowIs) {
    int j = i;
    while (j < t.length && Chars.isSpace(t[j])) {
      j++;
    }
    if (j < t.length && (t[j] == ':' || t[j] == '=')) {
      j++;
      while (j < t.length && (t[j] == '=' || t[j] == '>')) {
        j++;
      }
      return j;
    }
    if (allowIs && isIsForm(t, i)) {
      return j + 2;
    }
    return -1;
  }

  private static boolean isIsForm(char[] t, int i) {
    int j = i;
    while (j < t.length && Chars.isSpace(t[j])) {
      j++;
    }
    return j > i
        && j + 2 < t.length
        && (t[j] == 'i' || t[j] == 'I')
        && (t[j + 1] == 's' || t[j + 1] == 'S')
        && Chars.isSpace(t[j + 2]);
  }

  private static int skipSpacesAndQuote(char[] t, int i) {
    while (i < t.length && Chars.isSpace(t[i])) {
      i++;
    }
    if (i < t.length && (t[i] == '"' || t[i] == '\'' || t[i] == '`')) {
      i++;
    }
    return i;
  }

  private static int valueEnd(char[] t, int s) {
    int e = s;
    while (e < t.length && !Character.isWhitespace(t[e]) && t[e] != '"' && t[e] != '`') {
      e++;
    }
    return e;
  }

  private static String trimPunctuation(String value) {
    int s = 0;
    int e = value.length();
    while (s < e && "([<{'".indexOf(value.charAt(s)) >= 0) {
      s++;
    }
    while (e > s && ".,;:!?)]>}'".indexOf(value.charAt(e - 1)) >= 0) {
      e--;
    }
    return value.substring(s, e);
  }

  private static boolean isMasked(String value) {
    return value.chars().allMatch(c -> "*xX•#._-".indexOf(c) >= 0);
  }

  private static boolean isKeyChar(char c) {
    return Chars.isAsciiAlnum(c) || "._~+/=-".indexOf(c) >= 0;
  }
}
